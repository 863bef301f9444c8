namespace Reconciler.Controller;

/// <summary>One drifted field: where, what the spec says, what AWS has, and what the controller did about it.</summary>
internal sealed record DriftRecord(string Environment, string LogicalId, string? AwsId, string Field, string? Desired, string? Actual, string Action);
