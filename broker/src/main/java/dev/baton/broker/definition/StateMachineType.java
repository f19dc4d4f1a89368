package dev.baton.broker.definition;

/**
 * STANDARD or EXPRESS. Some definitions are valid for one type only: an Express state machine
 * cannot wait for an activity, a task token or a {@code .sync} job (AWS rejects them at creation).
 */
public enum StateMachineType {
    STANDARD, EXPRESS;

    /** The type named by AWS's API value ("STANDARD"/"EXPRESS"; empty means STANDARD), or null when unknown. */
    public static StateMachineType fromAwsName(String name) {
        if (name == null || name.isEmpty()) {
            return STANDARD;
        }
        for (StateMachineType t : values()) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        return null;
    }
}
