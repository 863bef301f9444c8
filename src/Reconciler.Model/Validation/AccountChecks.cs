using System.Text.RegularExpressions;
using Reconciler.Model.Loading;

namespace Reconciler.Model.Validation;

/// <summary>
/// <c>spec.account</c>: a 12-digit id, a role ARN of that same account, and STS's limits on the external id and the
/// session name (AWS STS API reference, AssumeRole: ExternalId 2-1224 characters of <c>[\w+=,.@:\/-]</c>,
/// RoleSessionName 2-64 of <c>[\w+=,.@-]</c>; https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html).
/// </summary>
internal static partial class AccountChecks
{
    [GeneratedRegex("^[0-9]{12}$")]
    private static partial Regex AccountId();

    // arn:aws:iam::<account>:role/<optional path/>name; the aws partition only, as spec.region.
    [GeneratedRegex(@"^arn:aws:iam::([0-9]{12}):role/([\w+=,.@/-]{1,512})$")]
    private static partial Regex RoleArn();

    [GeneratedRegex(@"^[\w+=,.@:/-]{2,1224}$")]
    private static partial Regex ExternalId();

    [GeneratedRegex(@"^[\w+=,.@-]{2,64}$")]
    private static partial Regex SessionName();

    /// <summary>
    /// The rule across files: once one environment names its account, every environment loaded with it must name its
    /// own, so that none runs unchecked with whatever credentials the caller happens to hold (Terraform's
    /// allowed_account_ids, applied to the whole catalog). One error per environment without an id.
    /// </summary>
    public static IReadOnlyList<Diagnostic> Catalog(IReadOnlyList<LoadedSpec> specs)
    {
        var named = specs.FirstOrDefault(s => s.IsValid && s.Document!.Spec.Account?.Id is not null);
        if (named is null)
        {
            return [];
        }

        return specs
            .Where(s => s.IsValid && s.Document!.Spec.Account?.Id is null)
            .Select(s => new Diagnostic(Severity.Error, s.File, s.Positions.Find("spec"), "spec.account.id",
                $"missing: environment {named.Document!.Name} ({named.File}) names its account, so every environment must name its own"))
            .ToList();
    }

    public static void Check(SpecChecker v)
    {
        if (v.Spec.Account is not { } account)
        {
            return;
        }

        if (account.Id is { } id && !AccountId().IsMatch(id))
        {
            v.Error("spec.account.id", $"'{id}' is not an AWS account id (12 digits, quoted in YAML so that leading zeros stay)");
        }

        if (account.RoleArn is { } arn)
        {
            var match = RoleArn().Match(arn);
            if (!match.Success)
            {
                v.Error("spec.account.roleArn", $"'{arn}' is not an IAM role ARN (arn:aws:iam::<12-digit account>:role/<name>)");
            }
            else if (account.Id is { } expected && AccountId().IsMatch(expected) && match.Groups[1].Value != expected)
            {
                v.Error("spec.account.roleArn", $"the role is in account {match.Groups[1].Value}, but spec.account.id is {expected}");
            }
        }

        if (account.ExternalId is { } external)
        {
            if (account.RoleArn is null)
            {
                v.Error("spec.account.externalId", "an external id is sent when assuming spec.account.roleArn: give the role too");
            }
            else if (!ExternalId().IsMatch(external))
            {
                // The value is not repeated: an external id is not a secret, but it is nothing to spread in logs either.
                v.Error("spec.account.externalId", "must be 2-1224 characters of letters, digits and _+=,.@:/-");
            }
        }

        if (account.SessionName is { } session)
        {
            if (account.RoleArn is null)
            {
                v.Error("spec.account.sessionName", "a session name names the session of spec.account.roleArn: give the role too");
            }
            else if (!SessionName().IsMatch(session))
            {
                v.Error("spec.account.sessionName", $"'{session}' must be 2-64 characters of letters, digits and _+=,.@-");
            }
        }

        if (account.Id is null && account.RoleArn is null)
        {
            v.Warn("spec.account", "neither id nor roleArn is given: the environment uses the caller's credentials, unchecked");
        }
    }
}
