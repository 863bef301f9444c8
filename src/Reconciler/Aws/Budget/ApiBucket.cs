namespace Reconciler.Aws.Budget;

/// <summary>
/// One of AWS's request-rate buckets as published (burst capacity, refill per second), named for the calls it holds,
/// e.g. <c>ec2:DescribeVpcs</c> or <c>acm:list-certificates</c>. AWS keeps one per account and region; so does <see cref="ApiBudget"/>.
/// </summary>
internal sealed record ApiBucket(string Name, int Burst, double PerSecond);
