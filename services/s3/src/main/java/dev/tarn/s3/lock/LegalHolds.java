package dev.tarn.s3.lock;

import dev.tarn.spi.error.CommonErrors;

/** Legal hold values: ON or OFF, nothing else. */
final class LegalHolds
{
    private LegalHolds() {}

    static boolean parse(String value)
    {
        return switch (value) {
            case "ON" -> true;
            case "OFF" -> false;
            default -> throw CommonErrors.INVALID_ARGUMENT.exception("Legal Hold must be either of 'ON' or 'OFF'")
                    .with("ArgumentName", ObjectLockRequest.LEGAL_HOLD_HEADER)
                    .with("ArgumentValue", value);
        };
    }
}
