// Work shared out between the two threads as they go: items are taken one at a time from the
// front by one thread and from the back by the other, so each still works through one long
// run and a thread the host slows down takes fewer (gemm_dyn's column chunks, fill_dyn's blocks).

/**
 * Takes the next of `count` items (< 2^16) from the i32 at `word` (zeroed by the caller: items
 * taken from the front in the low 16 bits, from the back in the high 16 bits). Returns the
 * front's next index (back = 0) or the back's (back = 1), or -1 once the two ends have met.
 */
// @ts-ignore: decorator
@inline export function take(word: usize, count: i32, back: i32): i32 {
  for (;;) {
    const w = atomic.load<i32>(word);
    const front = w & 0xffff, rear = count - (w >>> 16);
    if (front >= rear) return -1;
    if (atomic.cmpxchg<i32>(word, w, back ? w + 0x10000 : w + 1) == w) return back ? rear - 1 : front;
  }
  return -1; // unreachable: the loop only exits by returning
}
