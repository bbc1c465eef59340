package dev.bulwark.agent.instrument;

/**
 * The guard advice one method gets from one pattern.
 *
 * @param enter what the advice passes the runtime as the call starts
 * @param slot the guard slot of the pattern's policy
 * @param receiverTypeId for {@link Enter#IF_RECEIVER_IS}, the runtime's check of the receiver's type
 * @param site the method's number in the runtime's table of advised methods
 */
record MethodAdvice(Enter enter, int slot, int receiverTypeId, int site) {

    /** The call into the runtime that starts a guarded call. */
    enum Enter {
        /** The slot alone. */
        PLAIN,
        /** The slot and the call's arguments, for a cached fallback or a retried HTTP request: an array per call. */
        WITH_ARGUMENTS,
        /** The slot and the receiver, for a method a pattern's type inherits from a superclass outside it. */
        IF_RECEIVER_IS
    }
}
