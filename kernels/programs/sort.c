/* Sorts a pseudo-random array (xorshift32) with quicksort and with insertion sort, checks
 * that both results are sorted, equal and a permutation of the input, and prints an FNV-1a
 * checksum of the sorted array. A third of the values are small (many duplicates), the
 * rest span the whole signed range. The exit code is derived from the checksum. */
#include <meshsim/quicksort.h>
#include <meshsim/sys.h>

#define N 600

static int32_t input[N], quick[N], insertion[N];

static uint32_t xorshift32(uint32_t *state) {
  uint32_t x = *state;
  x ^= x << 13;
  x ^= x >> 17;
  x ^= x << 5;
  return *state = x;
}

static void insertion_sort(int32_t *a, int n) {
  for (int i = 1; i < n; i++) {
    int32_t v = a[i];
    int j = i - 1;
    for (; j >= 0 && a[j] > v; j--) a[j + 1] = a[j];
    a[j + 1] = v;
  }
}

static int is_sorted(const int32_t *a, int n) {
  for (int i = 1; i < n; i++)
    if (a[i - 1] > a[i]) return 0;
  return 1;
}

int main(void) {
  uint32_t state = 0x12345678u;
  for (int i = 0; i < N; i++) {
    int32_t v = (int32_t)xorshift32(&state);
    input[i] = quick[i] = insertion[i] = (i % 3 == 0) ? v >> 28 : v;
  }
  quicksort(quick, 0, N - 1);
  insertion_sort(insertion, N);

  int same = 1;
  uint32_t sum_in = 0, sum_out = 0, xor_in = 0, xor_out = 0, checksum = 0x811c9dc5u;
  for (int i = 0; i < N; i++) {
    if (quick[i] != insertion[i]) same = 0;
    sum_in += (uint32_t)input[i];
    xor_in ^= (uint32_t)input[i];
    sum_out += (uint32_t)quick[i];
    xor_out ^= (uint32_t)quick[i];
    for (int b = 0; b < 32; b += 8) {
      checksum ^= ((uint32_t)quick[i] >> b) & 0xff;
      checksum *= 0x01000193u;
    }
  }
  put_kv_dec("n", N);
  put_kv_dec("min", quick[0]);
  put_kv_dec("max", quick[N - 1]);
  put_kv_dec("quicksort_sorted", is_sorted(quick, N));
  put_kv_dec("insertion_sorted", is_sorted(insertion, N));
  put_kv_dec("same", same);
  put_kv_dec("permutation", sum_in == sum_out && xor_in == xor_out);
  put_kv_hex("checksum", checksum);
  return exit_code_of(checksum);
}
