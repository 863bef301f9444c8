using Reconciler.Model.Graph;
using Reconciler.Model.Kinds;

namespace Reconciler.Import;

/// <summary>The DB subnet groups of the VPC and the PostgreSQL instances in them, each as one <c>databases[]</c> entry.</summary>
internal static class DatabaseDiscovery
{
    public static async Task DiscoverAsync(ImportContext ctx, CancellationToken ct)
    {
        var rds = ctx.Clients.Rds;
        var groups = (await rds.DescribeDbSubnetGroupsAsync(ct).ConfigureAwait(false))
            .Where(g => g.VpcId == ctx.VpcId).ToDictionary(g => g.Name, StringComparer.Ordinal);
        var instances = (await rds.DescribeDbInstancesAsync(null, ct).ConfigureAwait(false))
            .Where(i => i.SubnetGroupName is not null && groups.ContainsKey(i.SubnetGroupName));
        foreach (var db in instances.OrderBy(i => i.Identifier, StringComparer.Ordinal))
        {
            if (db.Engine != "postgres")
            {
                ctx.Leave($"database {db.Identifier}", db.Identifier, $"engine {db.Engine}: the spec's databases are postgres");
                continue;
            }

            if (db.DatabaseName is null)
            {
                ctx.Leave($"database {db.Identifier}", db.Identifier, "no initial database name: the spec requires databaseName");
                continue;
            }

            var group = groups[db.SubnetGroupName!];
            if (!group.SubnetIds.All(ctx.Names.ContainsKey) || !db.SecurityGroupIds.All(ctx.Names.ContainsKey))
            {
                ctx.Leave($"database {db.Identifier}", db.Identifier, "uses a subnet or security group that is not imported");
                continue;
            }

            // The spec names a database's DB subnet group after the database (DbSubnetGroupExpansion), and a subnet group's
            // name cannot change (another name would replace the group and with it the database): a group named otherwise
            // keeps its name with subnetGroupAwsName, which CreateDBSubnetGroup forbids to be "default" (RDS API reference).
            var groupAwsName = string.Equals(group.Name, db.Identifier, StringComparison.OrdinalIgnoreCase) ? null : group.Name;
            if (string.Equals(groupAwsName, "default", StringComparison.OrdinalIgnoreCase))
            {
                ctx.Leave($"database {db.Identifier}", db.Identifier, "it is in the DB subnet group named default, which a spec cannot name (RDS reserves it): move it to a group of its own first");
                continue;
            }

            var name = ctx.NameFor("databases", ImportNames.Logical(ctx.Environment, db.Identifier));
            var fields = new List<ImportedField> { new("name", name) };
            if (ImportNames.AwsName(ctx.Environment, name, db.Identifier) is { } awsName)
            {
                fields.Add(new ImportedField("awsName", awsName));
            }

            if (groupAwsName is not null)
            {
                fields.Add(new ImportedField("subnetGroupAwsName", groupAwsName));
            }

            fields.AddRange(
            [
                new("engine", db.Engine),
                new("engineVersion", db.EngineVersion, "the running version: a major version alone also matches"),
                new("instanceClass", db.InstanceClass),
                new("storageGiB", db.AllocatedStorage),
                new("databaseName", db.DatabaseName),
                new("masterUsername", db.MasterUsername),
                new("subnets", group.SubnetIds.Select(s => ctx.Names[s]).Order(StringComparer.Ordinal).Cast<object>().ToList()),
            ]);
            // RDS answers a subnet group's Subnets and an instance's VpcSecurityGroups in its own order (the API reference
            // promises none; docs/aws-behaviours.md row 20, seen through the layer as [private-b, private-a]); both are
            // compared as sets, so the spec lists them sorted, as the load balancer's are, and stays the same run to run.
            var securityGroups = db.SecurityGroupIds.Select(s => ctx.Names[s]).Order(StringComparer.Ordinal).ToList();
            if (securityGroups.Count > 0)
            {
                fields.Add(new ImportedField("securityGroups", securityGroups.Cast<object>().ToList()));
            }

            // Only what differs from the spec's defaults (DatabaseSpec.Bind).
            if (db.MultiAz)
            {
                fields.Add(new ImportedField("multiAz", true));
            }

            if (!db.DeletionProtection)
            {
                fields.Add(new ImportedField("deletionProtection", false, "off in AWS; true is the spec's default"));
            }

            if (db.PubliclyAccessible)
            {
                fields.Add(new ImportedField("publiclyAccessible", true));
            }

            if (db.BackupRetentionPeriod != 7)
            {
                fields.Add(new ImportedField("backupRetentionDays", db.BackupRetentionPeriod));
            }

            var requires = new List<string> { "network/main" };
            requires.AddRange(securityGroups.Select(g => $"securityGroups/{g}"));
            ctx.Names[db.Identifier] = name;
            ctx.Databases.Add((name, db.EndpointAddress, db.EndpointPort));
            ctx.Add(new ImportedEntry("databases", name, db.Identifier, fields, requires,
            [
                new AdoptionTarget(GraphContext.LogicalId(DbInstanceKind.Kind, name), db.Identifier),
                new AdoptionTarget(GraphContext.LogicalId(DbSubnetGroupKind.Kind, name), group.Name),
            ]));
        }
    }
}
