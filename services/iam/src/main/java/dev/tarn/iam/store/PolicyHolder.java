package dev.tarn.iam.store;

import java.util.List;
import java.util.Map;

/** A user, group or role: what inline and managed policies attach to. */
public interface PolicyHolder
{
    String accountId();

    String name();

    String arn();

    Map<String, String> inlinePolicies();

    List<String> attachedPolicies();

    PolicyHolder withPolicies(Map<String, String> inline, List<String> attached);
}
