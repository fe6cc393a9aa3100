using Dispatch.Grains.Storage;
using Dispatch.Testing;
using Microsoft.Extensions.Options;

namespace Dispatch.Grains.Tests.Live;

/// <summary>A mistyped Live:TimeZone stops the silo at start, naming the setting, instead of counting "today" in some other zone.</summary>
public sealed class LiveSettingsTests
{
    [Fact]
    public async Task A_silo_with_an_unknown_time_zone_does_not_start()
    {
        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => SiloHosts.StartAsync(null, SiloHosts.SiloPorts.Free(), StorageMode.InMemory,
            configuration: new Dictionary<string, string?> { ["Live:TimeZone"] = "Asia/Shanghia" }));
        Assert.Contains("Live:TimeZone", refused.Message);
    }
}
