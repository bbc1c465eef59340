package dev.bulwark.samples;

/**
 * Methods of many shapes for {@code GuardWeavingTest} to weave and run. Outside Bulwark's packages, which are never
 * advised; only ever loaded woven, by that test's own class loader.
 */
public class Shapes {
    public int attempts;

    public String echo(String text) {
        return text;
    }

    public long sum(long first, double second, int third) {
        return first + (long) second + third;
    }

    public static int[] squares(int count) {
        int[] squares = new int[count];
        for (int i = 0; i < count; i++) {
            squares[i] = i * i;
        }
        return squares;
    }

    public void count() {
        attempts++;
    }

    public int succeedsOnTheThirdAttempt(int offset) {
        attempts++;
        // Assigns its parameter: each attempt must still see the caller's argument.
        offset += 100;
        if (attempts < 3) {
            throw new IllegalStateException("attempt " + attempts);
        }
        return offset;
    }

    public String catchesItsOwnFailure(String text) {
        try {
            return text.substring(5);
        } catch (StringIndexOutOfBoundsException tooShort) {
            return "short";
        }
    }

    public int countsDown(int from) {
        // The loop starts at the method's first instruction, which is then a jump target with a frame.
        while (true) {
            if (from <= 0) {
                return from;
            }
            from--;
        }
    }

    public boolean alwaysFails() {
        throw new IllegalStateException("down");
    }

    public double failsUntilOpen() {
        attempts++;
        throw new IllegalStateException("down");
    }
}
