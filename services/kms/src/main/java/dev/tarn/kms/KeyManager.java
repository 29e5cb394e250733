package dev.tarn.kms;

/** Who manages a key, as DescribeKey reports it: the account (CUSTOMER) or AWS for a service (AWS). */
public enum KeyManager
{
    CUSTOMER,
    AWS,
}
