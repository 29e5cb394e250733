/** IAM: users, groups, roles, policies, access keys; and the authorizer built on the policy engine. */
package dev.tarn.iam;
