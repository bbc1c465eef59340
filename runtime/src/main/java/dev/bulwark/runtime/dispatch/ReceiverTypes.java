package dev.bulwark.runtime.dispatch;

import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * Type checks for methods advised in a superclass outside a pattern's type: {@code PGSimpleDataSource} is a
 * {@code DataSource} but inherits {@code getConnection()} from {@code BaseDataSource}, which is not. Advice there
 * guards a call only when the receiver is of the pattern's type. The answer is cached per receiver class.
 */
public final class ReceiverTypes {
    private static volatile ReceiverType[] types = new ReceiverType[0];

    private ReceiverTypes() {
    }

    /**
     * @param typeRegex matches the binary names of the types whose instances are guarded
     * @return the check's number, for {@link #matches}
     */
    public static synchronized int register(String typeRegex) {
        ReceiverType[] next = Arrays.copyOf(types, types.length + 1);
        next[types.length] = new ReceiverType(Pattern.compile(typeRegex));
        types = next;
        return types.length - 1;
    }

    /** @return whether {@code receiver}'s class or one of its supertypes matches check {@code id} */
    public static boolean matches(int id, Object receiver) {
        return receiver != null && types[id].get(receiver.getClass());
    }

    private static final class ReceiverType extends ClassValue<Boolean> {
        private final Pattern regex;

        ReceiverType(Pattern regex) {
            this.regex = regex;
        }

        @Override
        protected Boolean computeValue(Class<?> type) {
            return isOrExtendsMatch(type);
        }

        private boolean isOrExtendsMatch(Class<?> type) {
            if (type == null) {
                return false;
            }
            if (regex.matcher(type.getName()).matches() || isOrExtendsMatch(type.getSuperclass())) {
                return true;
            }
            for (Class<?> implemented : type.getInterfaces()) {
                if (isOrExtendsMatch(implemented)) {
                    return true;
                }
            }
            return false;
        }
    }
}
