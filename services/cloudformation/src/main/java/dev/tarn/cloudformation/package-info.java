/** CloudFormation: templates, stacks, change sets, and the resource providers services contribute. */
package dev.tarn.cloudformation;
