using Reconciler.Model.Text;

namespace Reconciler.Model.Tests.Text;

public sealed class LossySlotsTests
{
    [Fact]
    public void Share_Should_ReturnTheCachedInstance_When_AnEqualValueSharesItsSlot()
    {
        var slots = new LossySlots<string>(4);
        var first = new string('a', 3);
        var equal = new string('a', 3);

        Assert.Same(first, slots.Share(first, 1, string.Equals));
        Assert.Same(first, slots.Share(equal, 1, string.Equals));
    }

    [Fact]
    public void Share_Should_ReplaceTheSlot_When_AnotherValueHashesToIt()
    {
        var slots = new LossySlots<string>(4);
        slots.Share("a", 1, string.Equals);

        Assert.Same("b", slots.Share("b", 5, string.Equals)); // 5 % 4 = 1: the same slot
        Assert.Null(slots.Find(1, "a", string.Equals));
        Assert.Equal("b", slots.Find(1, "b", string.Equals));
    }
}
