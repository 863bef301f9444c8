namespace Reconciler.Model.Editing;

/// <summary>The outcome of <see cref="ImageTagEditor.SetTag"/>: the whole new text and the image before and after.</summary>
internal sealed record ImageTagEdit(string Text, string Family, string Container, string OldImage, string NewImage)
{
    public bool Changed => OldImage != NewImage;
}
