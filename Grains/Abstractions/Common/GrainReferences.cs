using System.Runtime.CompilerServices;
using Orleans.Runtime;

// Not Dispatch.Grains.Common: all of the project's code is in Dispatch.*, so no file needs a using for it.
namespace Dispatch;

/// <summary>
/// A grain by its key, the way every caller in Dispatch asks for one. Orleans' own <c>GetGrain&lt;T&gt;(key)</c> works
/// out the interface's type names again at each call (reflecting over its attributes and formatting its name):
/// about 3 % of the silo's and of the web node's CPU in a load run (perf, 2026-12-02). Here that happens once per
/// interface; later references are made from the names kept.
/// </summary>
public static class GrainReferences
{
    public static TGrain Grain<TGrain>(this IGrainFactory grains, string key) where TGrain : IGrainWithStringKey
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        return Names<TGrain>.Known is { } names
            ? (TGrain)grains.GetGrain(GrainId.Create(names.Grain, key), names.Interface)
            : Names<TGrain>.Keep(grains.GetGrain<TGrain>(key));
    }

    public static TGrain Grain<TGrain>(this IGrainFactory grains, long key) where TGrain : IGrainWithIntegerKey
        => Names<TGrain>.Known is { } names
            ? (TGrain)grains.GetGrain(GrainId.Create(names.Grain, GrainIdKeyExtensions.CreateIntegerKey(key)), names.Interface)
            : Names<TGrain>.Keep(grains.GetGrain<TGrain>(key));

    private static class Names<TGrain>
    {
        public static (GrainType Grain, GrainInterfaceType Interface)? Known => _known?.Value;

        private static StrongBox<(GrainType, GrainInterfaceType)>? _known;

        public static TGrain Keep(TGrain first)
        {
            // A client that has not seen the cluster's manifest yet gets a stand-in type ("sys.grain.stub…"), resolved
            // later by Orleans: never keep that one. A factory that is not Orleans' (a test's) has no names to keep.
            if (first is GrainReference reference
                && !reference.GrainId.Type.ToString()!.StartsWith(GrainTypePrefix.SystemPrefix, StringComparison.Ordinal))
                _known = new((reference.GrainId.Type, reference.InterfaceType));
            return first;
        }
    }
}
