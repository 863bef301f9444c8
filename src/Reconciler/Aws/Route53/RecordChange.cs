namespace Reconciler.Aws.Route53;

/// <summary>One change of a ChangeResourceRecordSets batch: CREATE, UPSERT or DELETE.</summary>
internal sealed record RecordChange(string Action, ResourceRecordSet RecordSet)
{
    public static RecordChange Create(ResourceRecordSet set) => new("CREATE", set);

    public static RecordChange Upsert(ResourceRecordSet set) => new("UPSERT", set);

    public static RecordChange Delete(ResourceRecordSet set) => new("DELETE", set);
}
