/* Quicksort of int32 values, for the test and benchmark programs. */
#ifndef MESHSIM_QUICKSORT_H
#define MESHSIM_QUICKSORT_H
#include <stdint.h>

static void swap_i32(int32_t *a, int32_t *b) {
  int32_t t = *a;
  *a = *b;
  *b = t;
}

/* Lomuto partition around the middle element; recursion only into the smaller side, so
 * the stack stays O(log n) deep. Sorts a[lo..hi]. */
static void quicksort(int32_t *a, int lo, int hi) {
  while (lo < hi) {
    swap_i32(&a[lo + (hi - lo) / 2], &a[hi]);
    int32_t pivot = a[hi];
    int p = lo;
    for (int i = lo; i < hi; i++) {
      if (a[i] < pivot) swap_i32(&a[i], &a[p++]);
    }
    swap_i32(&a[p], &a[hi]);
    if (p - lo < hi - p) {
      quicksort(a, lo, p - 1);
      lo = p + 1;
    } else {
      quicksort(a, p + 1, hi);
      hi = p - 1;
    }
  }
}

#endif
