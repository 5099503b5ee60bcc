/* A mark's tooltip opens below the mark, from its left edge. A mark near the right edge of the text would push it
   out of the column, where the page clips it: shift it left by the overflow, never past the column's left edge. */
(function () {
  function place(claim) {
    var tip = claim.querySelector(".tip");
    if (!tip) return;
    tip.style.left = "";
    var column = (claim.closest(".annotated-report") || claim.closest("main") || document.body).getBoundingClientRect();
    var box = tip.getBoundingClientRect();
    var shift = Math.min(0, column.right - box.right);
    shift = Math.max(shift, column.left - box.left);
    if (shift !== 0) tip.style.left = shift + "px";
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".claim").forEach(function (claim) {
      claim.addEventListener("mouseenter", function () { place(claim); });
      claim.addEventListener("focusin", function () { place(claim); });
    });
  });
})();
