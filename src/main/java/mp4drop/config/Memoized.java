package mp4drop.config;

import java.util.function.Supplier;

/** Makes a value on first use, once, even when several threads ask at the same time. */
final class Memoized<T> implements Supplier<T> {
    private final Supplier<T> maker;
    private volatile T value;

    Memoized(Supplier<T> maker) {
        this.maker = maker;
    }

    @Override
    public T get() {
        T made = value;
        if (made == null) {
            synchronized (this) {
                made = value;
                if (made == null) {
                    made = maker.get();
                    value = made;
                }
            }
        }
        return made;
    }
}
