using System.Text;
using System.Text.Json;

namespace Reconciler.Security;

/// <summary>
/// Writes generated statements as IAM policy documents, split so that each stays within IAM's size limit for a
/// managed policy: 6,144 characters, white space not counted (IAM and STS quotas,
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html; "The maximum character size limit for
/// managed policies is 6,144", https://repost.aws/knowledge-center/iam-increase-policy-size). A role takes up to 10
/// managed policies by default (same page), far more than a split here needs.
/// </summary>
internal static class PolicyDocuments
{
    public const int ManagedPolicyLimit = 6144;

    /// <summary>The documents, in order, each as indented JSON within <see cref="ManagedPolicyLimit"/> when its statements allow.</summary>
    public static IReadOnlyList<string> Split(IEnumerable<PolicyStatement> statements, int limit = ManagedPolicyLimit)
    {
        var documents = new List<List<PolicyStatement>>();
        var current = new List<PolicyStatement>();
        foreach (var statement in statements)
        {
            if (current.Count > 0 && Size(Write([.. current, statement])) > limit)
            {
                documents.Add(current);
                current = [];
            }

            current.Add(statement);
        }

        if (current.Count > 0 || documents.Count == 0)
        {
            documents.Add(current);
        }

        return [.. documents.Select(Write)];
    }

    /// <summary>The one document as it is, or several as a JSON array of documents.</summary>
    public static string Print(IReadOnlyList<string> documents) =>
        documents.Count == 1 ? documents[0] : "[\n" + string.Join(",\n", documents) + "\n]";

    /// <summary>What IAM counts: the characters of the document that are not white space.</summary>
    public static int Size(string json) => json.Count(c => !char.IsWhiteSpace(c));

    public static string Write(IEnumerable<PolicyStatement> statements)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("Version", "2012-10-17");
            json.WriteStartArray("Statement");
            foreach (var s in statements)
            {
                WriteStatement(json, s);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteStatement(Utf8JsonWriter json, PolicyStatement s)
    {
        json.WriteStartObject();
        json.WriteString("Sid", s.Sid);
        json.WriteString("Effect", "Allow");
        json.WriteStartArray("Action");
        foreach (var action in s.Actions)
        {
            json.WriteStringValue(action);
        }

        json.WriteEndArray();
        if (s.Resources.Count == 1)
        {
            json.WriteString("Resource", s.Resources.Min);
        }
        else
        {
            json.WriteStartArray("Resource");
            foreach (var resource in s.Resources)
            {
                json.WriteStringValue(resource);
            }

            json.WriteEndArray();
        }

        if (s.Conditions.Count > 0)
        {
            json.WriteStartObject("Condition");
            foreach (var byOperator in s.Conditions.GroupBy(c => c.Operator, StringComparer.Ordinal))
            {
                json.WriteStartObject(byOperator.Key);
                foreach (var condition in byOperator)
                {
                    // Null takes one value ("true": the key is absent, "false": present); the others take a list, any of which matches.
                    if (condition.Operator == "Null")
                    {
                        json.WriteString(condition.Key, condition.Values[0]);
                        continue;
                    }

                    json.WriteStartArray(condition.Key);
                    foreach (var value in condition.Values)
                    {
                        json.WriteStringValue(value);
                    }

                    json.WriteEndArray();
                }

                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        json.WriteEndObject();
    }
}
