package dev.rnn4j;

/**
 * The indices of the k largest of n floats, largest first, as PyTorch's CPU {@code topk} finds them: pairs
 * (value, index) ordered by "x before y when x is NaN and y is not, or x > y", through libstdc++'s
 * {@code std::partial_sort} when k·64 ≤ n, else {@code std::nth_element} then {@code std::sort} of the first
 * k−1. Equal values then come out in the order those algorithms leave them, which is what
 * {@code torch.multinomial} without replacement returns for zero-probability categories; the algorithms below
 * are GCC's (bits/stl_algo.h, bits/stl_heap.h), step for step.
 */
final class TopK {

    private static final int SORT_THRESHOLD = 16;

    private final float[] v;
    private final int[] ix;

    private TopK(float[] values) {
        v = values.clone();
        ix = new int[values.length];
        for (int j = 0; j < ix.length; j++) {
            ix[j] = j;
        }
    }

    /** The indices of the k (1 ≤ k ≤ n) largest values, largest first. */
    static int[] largest(float[] values, int k) {
        TopK q = new TopK(values);
        int n = values.length;
        if ((long) k * 64 <= n) {
            q.heapSelect(0, k, n);
            q.sortHeap(0, k);
        } else {
            q.nthElement(0, k - 1, n);
            q.sort(0, k - 1);
        }
        return java.util.Arrays.copyOf(q.ix, k);
    }

    // ---- the comparator and element moves ----------------------------------------------------------

    private static boolean before(float x, float y) {
        return (Float.isNaN(x) && !Float.isNaN(y)) || x > y;
    }

    private boolean before(int a, int b) {
        return before(v[a], v[b]);
    }

    private void swap(int a, int b) {
        float tv = v[a];
        v[a] = v[b];
        v[b] = tv;
        int ti = ix[a];
        ix[a] = ix[b];
        ix[b] = ti;
    }

    private void move(int to, int from) {
        v[to] = v[from];
        ix[to] = ix[from];
    }

    private void put(int to, float value, int index) {
        v[to] = value;
        ix[to] = index;
    }

    private static int lg(int n) {
        return 31 - Integer.numberOfLeadingZeros(n);
    }

    // ---- std::nth_element and std::sort ------------------------------------------------------------

    private void nthElement(int first, int nth, int last) {
        if (first == last || nth == last) {
            return;
        }
        int depth = lg(last - first) * 2;
        while (last - first > 3) {
            if (depth == 0) {
                heapSelect(first, nth + 1, last);
                swap(first, nth);
                return;
            }
            depth--;
            int cut = partitionPivot(first, last);
            if (cut <= nth) {
                first = cut;
            } else {
                last = cut;
            }
        }
        insertionSort(first, last);
    }

    private void sort(int first, int last) {
        if (first == last) {
            return;
        }
        introsortLoop(first, last, lg(last - first) * 2);
        if (last - first > SORT_THRESHOLD) {
            insertionSort(first, first + SORT_THRESHOLD);
            for (int i = first + SORT_THRESHOLD; i < last; i++) {
                unguardedLinearInsert(i);
            }
        } else {
            insertionSort(first, last);
        }
    }

    private void introsortLoop(int first, int last, int depth) {
        while (last - first > SORT_THRESHOLD) {
            if (depth == 0) {
                heapSelect(first, last, last);
                sortHeap(first, last);
                return;
            }
            depth--;
            int cut = partitionPivot(first, last);
            introsortLoop(cut, last, depth);
            last = cut;
        }
    }

    private int partitionPivot(int first, int last) {
        int mid = first + (last - first) / 2;
        moveMedianToFirst(first, first + 1, mid, last - 1);
        return unguardedPartition(first + 1, last, first);
    }

    private void moveMedianToFirst(int result, int a, int b, int c) {
        if (before(a, b)) {
            if (before(b, c)) {
                swap(result, b);
            } else if (before(a, c)) {
                swap(result, c);
            } else {
                swap(result, a);
            }
        } else if (before(a, c)) {
            swap(result, a);
        } else if (before(b, c)) {
            swap(result, c);
        } else {
            swap(result, b);
        }
    }

    private int unguardedPartition(int first, int last, int pivot) {
        while (true) {
            while (before(first, pivot)) {
                first++;
            }
            last--;
            while (before(pivot, last)) {
                last--;
            }
            if (!(first < last)) {
                return first;
            }
            swap(first, last);
            first++;
        }
    }

    private void insertionSort(int first, int last) {
        if (first == last) {
            return;
        }
        for (int i = first + 1; i != last; i++) {
            if (before(i, first)) {
                float val = v[i];
                int idx = ix[i];
                for (int j = i; j > first; j--) {
                    move(j, j - 1);
                }
                put(first, val, idx);
            } else {
                unguardedLinearInsert(i);
            }
        }
    }

    private void unguardedLinearInsert(int last) {
        float val = v[last];
        int idx = ix[last];
        int next = last - 1;
        while (before(val, v[next])) {
            move(last, next);
            last = next;
            next--;
        }
        put(last, val, idx);
    }

    // ---- the heap (std::partial_sort, and the depth-limit fallbacks) -------------------------------

    private void heapSelect(int first, int middle, int last) {
        makeHeap(first, middle);
        for (int i = middle; i < last; i++) {
            if (before(i, first)) {
                popHeap(first, middle, i);
            }
        }
    }

    private void sortHeap(int first, int last) {
        while (last - first > 1) {
            last--;
            popHeap(first, last, last);
        }
    }

    private void makeHeap(int first, int last) {
        int len = last - first;
        if (len < 2) {
            return;
        }
        for (int parent = (len - 2) / 2; ; parent--) {
            adjustHeap(first, parent, len, v[first + parent], ix[first + parent]);
            if (parent == 0) {
                return;
            }
        }
    }

    private void popHeap(int first, int last, int result) {
        float val = v[result];
        int idx = ix[result];
        move(result, first);
        adjustHeap(first, 0, last - first, val, idx);
    }

    private void adjustHeap(int first, int hole, int len, float val, int idx) {
        int top = hole;
        int child = hole;
        while (child < (len - 1) / 2) {
            child = 2 * (child + 1);
            if (before(first + child, first + child - 1)) {
                child--;
            }
            move(first + hole, first + child);
            hole = child;
        }
        if ((len & 1) == 0 && child == (len - 2) / 2) {
            child = 2 * (child + 1);
            move(first + hole, first + child - 1);
            hole = child - 1;
        }
        int parent = (hole - 1) / 2;
        while (hole > top && before(v[first + parent], val)) {
            move(first + hole, first + parent);
            hole = parent;
            parent = (hole - 1) / 2;
        }
        put(first + hole, val, idx);
    }
}
