namespace Reconciler.Tests.Behaviours.Rules;

/// <summary>
/// RDS walks a new instance through <c>creating</c> and <c>backing-up</c> before <c>available</c> (counted from the first look after the create), and shows
/// <c>modifying</c> after ModifyDBInstance; moto is <c>available</c> at once. Each step lasts <see cref="Window"/>.
/// </summary>
internal sealed class DbInstanceLifecycleRule(TimeSpan? window = null) : BehaviourRule
{
    private readonly TimeMarks _created = new();
    private readonly TimeMarks _modified = new();

    public TimeSpan Window { get; } = window ?? TimeSpan.FromSeconds(1.5);

    public override string Behaviour => "DescribeDBInstances shows a new instance creating (without its Endpoint), then backing-up, then available; modifying for a while after ModifyDBInstance.";

    public override string Source => "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/accessing-monitoring.html#Overview.DBInstance.Status (creating, backing-up, modifying, available); https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DBInstance.html (Endpoint: \"might not be shown for instances with the status of creating\", also in botocore's rds model, DBInstance.Endpoint)";

    public override void Watch(AwsRequest request, AwsAnswer answer, DateTimeOffset now)
    {
        if (answer.Ok && request.Service == "rds" && request.Param("DBInstanceIdentifier") is { } id)
        {
            if (request.Operation == "CreateDBInstance")
            {
                _created.MarkFirst(id, now);
            }
            else if (request.Operation == "ModifyDBInstance")
            {
                _modified.Mark(id, now);
            }
        }
    }

    public override AwsAnswer After(AwsRequest request, AwsAnswer answer, DateTimeOffset now) =>
        !answer.Ok || !request.Is("rds", "DescribeDBInstances") ? answer : XmlRewrite.Apply(answer, document =>
        {
            var changed = false;
            foreach (var id in document.Named("DBInstanceIdentifier").ToList())
            {
                if (id.Parent?.Child("DBInstanceStatus") is not { Value: "available" } status)
                {
                    continue;
                }

                // Creating lasts minutes on AWS, so the product's first look always falls inside it: the scaled-down
                // window opens at that look (TimeMarks.WithinFirstLook), else a pass slowed by other waits (IAM
                // propagation to ECS) could look only after it and the behaviour would not play.
                var phase = _created.WithinFirstLook(id.Value, now, Window) ? "creating"
                    : _created.WithinFirstLook(id.Value, now, Window * 2) ? "backing-up"
                    : _modified.Within(id.Value, now, Window) ? "modifying"
                    : null;
                if (phase is not null)
                {
                    status.Value = phase;
                    changed = true;
                }

                // "The endpoint might not be shown for instances with the status of creating" (RDS API reference,
                // DBInstance.Endpoint): a task definition that names the database's address must wait for it.
                if (phase == "creating")
                {
                    id.Parent!.Child("Endpoint")?.Remove();
                }
            }

            return changed;
        });
}
