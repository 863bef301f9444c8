using System.CommandLine;
using Reconciler.Controller;
using Reconciler.Security;

namespace Reconciler.Cli;

/// <summary>
/// <c>reconciler iam-policy PATH... [--source s3://BUCKET/PREFIX] [--events sqs://QUEUE_URL] [--lease-table T [--create-lease-table]]
/// [--per-environment] [--adoption]</c>: the least-privilege policy (<see cref="IamPolicy"/>), its tag conditions
/// naming the specs' environments with <c>--per-environment</c>; with <c>--adoption</c> the separate policy that
/// <c>import --adopt</c> needs (<see cref="AdoptionPolicy"/>). A source is parsed as <c>run</c> parses it, so the policy
/// grants exactly the prefix the controller lists.
/// </summary>
internal static class IamPolicyCommand
{
    public static Command Create(CliContext cli)
    {
        var source = new Option<string[]>("--source") { Description = "An S3 location s3://BUCKET/PREFIX the controller reads specs from (repeatable): adds list, read and write on it" };
        var leaseTable = new Option<string?>("--lease-table") { Description = "The DynamoDB lease table of several replicas (run --lease-table): adds its reads and conditional writes" };
        var createLeaseTable = new Option<bool>("--create-lease-table") { Description = "With --lease-table: also allow creating the table (run --create-lease-table)" };
        var events = new Option<string?>("--events") { Description = "The SQS queue of S3 event notifications, sqs://QUEUE_URL (run --events): adds receiving and deleting its messages" };
        var controllerRole = new Option<string?>("--controller-role") { Description = "The controller's role ARN, trusted by the target roles of specs with spec.account.roleArn (required then)" };
        var perEnvironment = new Option<bool>("--per-environment") { Description = "Tag conditions name the specs' environments (a role per environment) instead of requiring the ownership tag to be present" };
        var adoption = new Option<bool>("--adoption") { Description = "Print the separate policy import --adopt needs to tag resources that carry no ownership tag yet" };
        var iamPolicy = new Command("iam-policy", "Print the least-privilege IAM policy (JSON) for the kinds the specs use")
        {
            cli.Paths, source, leaseTable, createLeaseTable, events, controllerRole, perEnvironment, adoption,
        };
        iamPolicy.SetAction(result =>
        {
            var sources = new List<S3SpecLocation>();
            foreach (var location in result.GetValue(source) ?? [])
            {
                if (S3SpecLocation.TryParse(location) is not { } parsed)
                {
                    cli.Errors.WriteLine($"error: --source {location}: expected s3://BUCKET/PREFIX");
                    return 1;
                }

                sources.Add(parsed);
            }

            SqsQueueLocation? queue = null;
            if (result.GetValue(events) is { } eventsText && (queue = SqsQueueLocation.TryParse(eventsText)) is null)
            {
                cli.Errors.WriteLine($"error: --events {eventsText}: expected sqs://QUEUE_URL");
                return 1;
            }

            var loaded = SpecSet.Load(cli.Read(result, strict: false).Paths, cli.Errors);
            if (loaded is null)
            {
                return 1;
            }

            var names = loaded.Select(e => e.Document.Name).Distinct(StringComparer.Ordinal).ToList();
            if (result.GetValue(adoption))
            {
                cli.Output.WriteLine(AdoptionPolicy.Json(names));
                return 0;
            }

            // Adoption tags resources that carry no ownership tag yet: the policies below refuse that by design.
            cli.Errors.WriteLine("note: import --adopt needs to tag untagged resources, which this policy refuses: give whoever adopts `reconciler iam-policy --adoption` (docs/accounts.md)");
            if (loaded.Any(e => e.Graph.Target.RoleArn is not null))
            {
                // Several accounts: a policy per target role, its trust policy, and the controller's AssumeRole grant.
                if (result.GetValue(controllerRole) is not { Length: > 0 } controller)
                {
                    cli.Errors.WriteLine("error: --controller-role: the specs assume roles (spec.account.roleArn), whose trust policies name the controller's role: give its ARN");
                    return 1;
                }

                cli.Output.WriteLine(AccountPolicies.Json(loaded, sources, result.GetValue(leaseTable), result.GetValue(createLeaseTable), controller, result.GetValue(perEnvironment), queue));
                return 0;
            }

            var documents = IamPolicy.Documents(loaded, sources, result.GetValue(leaseTable), result.GetValue(createLeaseTable), result.GetValue(perEnvironment) ? names : null, queue);
            if (documents.Count > 1)
            {
                cli.Errors.WriteLine($"note: split into {documents.Count} policies (a JSON array), each within IAM's {PolicyDocuments.ManagedPolicyLimit}-character limit of a managed policy: attach each");
            }

            cli.Output.WriteLine(PolicyDocuments.Print(documents));
            return 0;
        });
        return iamPolicy;
    }
}
