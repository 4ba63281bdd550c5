// Running async work over a list with a bound on how much runs at once (file reads, augmenting, writing).

/** Runs `task` over `items` with at most `limit` running at once; stops starting new ones once `stopped()`. */
export async function forEachLimited<T>(
  items: readonly T[],
  limit: number,
  stopped: () => boolean,
  task: (item: T, i: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length && !stopped()) {
      const i = next++;
      await task(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}
