using Microsoft.Extensions.Time.Testing;
using Reconciler.Aws.Budget;

namespace Reconciler.Tests.Aws.Budget;

public sealed class TokenBucketTests
{
    [Fact]
    public void Take_Should_GiveTheBurstAtOnce_When_TheBucketIsFull()
    {
        var bucket = new TokenBucket(new ApiBucket("b", 100, 20), new FakeTimeProvider());

        var waits = Enumerable.Range(0, 100).Select(_ => bucket.Take()).ToList();

        Assert.All(waits, w => Assert.Equal(TimeSpan.Zero, w));
    }

    [Fact]
    public void Take_Should_SpaceCallsAtTheRefillRate_When_TheBurstIsSpent()
    {
        var bucket = new TokenBucket(new ApiBucket("b", 100, 20), new FakeTimeProvider());
        for (var i = 0; i < 100; i++)
        {
            bucket.Take();
        }

        // Each further caller reserves the next token: 50 ms apart at 20 per second.
        Assert.Equal(TimeSpan.FromMilliseconds(50), bucket.Take());
        Assert.Equal(TimeSpan.FromMilliseconds(100), bucket.Take());
        Assert.Equal(TimeSpan.FromMilliseconds(150), bucket.Take());
    }

    [Fact]
    public void Take_Should_RefillWithElapsedTime_When_TimePasses()
    {
        var time = new FakeTimeProvider();
        var bucket = new TokenBucket(new ApiBucket("b", 50, 5), time);
        for (var i = 0; i < 50; i++)
        {
            bucket.Take();
        }

        time.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal(10, bucket.Available, 6);
        Assert.Equal(TimeSpan.Zero, bucket.Take());
    }

    [Fact]
    public void Available_Should_NeverExceedTheBurst_When_IdleForLong()
    {
        var time = new FakeTimeProvider();
        var bucket = new TokenBucket(new ApiBucket("b", 40, 10), time);

        time.Advance(TimeSpan.FromHours(1));

        Assert.Equal(40, bucket.Available, 6);
    }

    [Fact]
    public void Drain_Should_StopTheBurst_When_AwsThrottledAnyway()
    {
        var bucket = new TokenBucket(new ApiBucket("b", 100, 20), new FakeTimeProvider());
        bucket.Take();

        bucket.Drain();

        Assert.Equal(TimeSpan.FromMilliseconds(50), bucket.Take());
    }
}
