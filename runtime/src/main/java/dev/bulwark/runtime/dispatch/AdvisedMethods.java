package dev.bulwark.runtime.dispatch;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Every method the agent advised, by site number. Advice carries its site number as a constant; the table is only
 * read on the rejection path and by operators.
 */
public final class AdvisedMethods {
    private static volatile AdvisedMethod[] sites = new AdvisedMethod[0];

    private AdvisedMethods() {
    }

    /** @return the site number of a newly advised method */
    public static synchronized int register(AdvisedMethod method) {
        AdvisedMethod[] next = Arrays.copyOf(sites, sites.length + 1);
        next[sites.length] = method;
        sites = next;
        return sites.length - 1;
    }

    /** @return the method advised at {@code site} */
    public static AdvisedMethod at(int site) {
        return sites[site];
    }

    /** @return every advised method, in the order they were advised */
    public static List<AdvisedMethod> all() {
        return new ArrayList<>(Arrays.asList(sites));
    }
}
