package dev.tarn.policy;

/** A statement's Effect element. */
public enum Effect
{
    ALLOW("Allow"),
    DENY("Deny");

    private final String jsonName;

    Effect(String jsonName)
    {
        this.jsonName = jsonName;
    }

    public String jsonName()
    {
        return jsonName;
    }
}
