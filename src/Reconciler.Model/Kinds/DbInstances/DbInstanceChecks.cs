using System.Text.RegularExpressions;
using Reconciler.Model.Spec;
using Reconciler.Model.Validation;

namespace Reconciler.Model.Kinds;

/// <summary>The rules of <c>spec.databases</c> (the instance and its subnet group), against RDS's naming rules.</summary>
internal static partial class DbInstanceChecks
{
    // CreateDBInstance DBInstanceIdentifier: 1-63 letters, digits or hyphens, first a letter, no trailing or double hyphen.
    [GeneratedRegex("^[a-zA-Z][a-zA-Z0-9]*(-[a-zA-Z0-9]+)*$")]
    private static partial Regex DbInstanceId();

    [GeneratedRegex(@"^db\.[a-z0-9-]+\.[a-z0-9]+$")]
    private static partial Regex DbInstanceClass();

    [GeneratedRegex("^[a-zA-Z][a-zA-Z0-9_]{0,62}$")]
    private static partial Regex DbIdentifier();

    [GeneratedRegex("^[a-zA-Z0-9._ -]{1,255}$")]
    private static partial Regex DbSubnetGroupName();

    [GeneratedRegex("^[a-zA-Z][a-zA-Z0-9_]{0,15}$")]
    private static partial Regex DbUser();

    public static void Check(SpecChecker c, Dictionary<string, SubnetSpec> subnets, HashSet<string> groups)
    {
        var databases = c.Spec.Databases;
        c.Unique(databases.Select(d => d.Name), "spec.databases", "database");
        // RDS keeps identifiers in lower case, so two that differ only in case are one.
        c.UniquePhysicalNames(databases.Select((d, i) => ($"spec.databases[{i}].name", d.Name, d.AwsName)), "DB instance", ignoreCase: true);
        for (var i = 0; i < databases.Count; i++)
        {
            var db = databases[i];
            var path = $"spec.databases[{i}]";
            c.CheckLogicalName(path + ".name", db.Name);
            c.PhysicalName(path + ".name", db.Name, db.AwsName, DbInstanceId(), 63, "DB instance identifier");
            // CreateDBSubnetGroup: "no more than 255 letters, numbers, periods, underscores, spaces, or hyphens. Must not be
            // default" (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBSubnetGroup.html).
            if (db.SubnetGroupAwsName is { } group && (!DbSubnetGroupName().IsMatch(group) || group.Equals("default", StringComparison.OrdinalIgnoreCase)))
            {
                c.Error(path + ".subnetGroupAwsName", "1-255 letters, digits, '.', '_', ' ' or '-', and not \"default\"");
            }
            c.CheckSubnetRefs(path + ".subnets", db.Subnets, subnets);
            c.CheckGroupRefs(path + ".securityGroups", db.SecurityGroups, groups);
            if (db.Subnets.All(subnets.ContainsKey) && c.Zones(db.Subnets, subnets) < 2)
            {
                c.Error(path + ".subnets", "a DB subnet group must cover at least two availability zones");
            }

            if (db.InstanceClass.Length > 0 && !DbInstanceClass().IsMatch(db.InstanceClass))
            {
                c.Error(path + ".instanceClass", $"'{db.InstanceClass}' is not a DB instance class (e.g. db.t3.micro)");
            }

            if (db.DatabaseName.Length > 0 && !DbIdentifier().IsMatch(db.DatabaseName))
            {
                c.Error(path + ".databaseName", "1-63 letters, digits and '_', starting with a letter");
            }

            if (db.MasterUsername.Length > 0 && (!DbUser().IsMatch(db.MasterUsername) || db.MasterUsername is "rdsadmin" or "postgres" or "admin"))
            {
                c.Error(path + ".masterUsername", "1-16 letters, digits and '_', starting with a letter, and not a reserved name (postgres, rdsadmin, admin)");
            }

            if (db.EngineVersion.Length > 0 && !db.EngineVersion.All(ch => char.IsAsciiDigit(ch) || ch == '.'))
            {
                c.Error(path + ".engineVersion", $"'{db.EngineVersion}' is not an engine version (e.g. \"16\" or \"16.4\")");
            }

            if (db.PubliclyAccessible)
            {
                c.Warn(path + ".publiclyAccessible", "the database is reachable from the internet");
            }

            if (!db.DeletionProtection)
            {
                c.Warn(path + ".deletionProtection", "deletion protection is off");
            }
        }
    }
}
