using Dispatch.Domain.Engineers;

namespace Dispatch.Grains.Engineers;

/// <summary>
/// An engineer's presence as <see cref="EngineerState"/> stores it: the number releases up to 2026-12-01 wrote (the
/// member's place in the contract's own status enum of then, which listed the same statuses as <see cref="ShownStatus"/>).
/// Fixed here, so reordering <see cref="ShownStatus"/> can never change what stored state means; a number that is
/// not one of these is corrupt state, never read as a default.
/// </summary>
internal static class StoredPresence
{
    private static readonly ShownStatus[] ByNumber =
    [
        ShownStatus.Offline,
        ShownStatus.Available,
        ShownStatus.Offered,
        ShownStatus.EnRoute,
        ShownStatus.OnSite,
        ShownStatus.OnBreak,
    ];

    public static ShownStatus Read(int number) =>
        number >= 0 && number < ByNumber.Length
            ? ByNumber[number]
            : throw new InvalidDataException($"{number} is not a stored presence.");

    public static int Number(ShownStatus status) =>
        Array.IndexOf(ByNumber, status) is var number and >= 0
            ? number
            : throw new ArgumentOutOfRangeException(nameof(status), status, "Not a presence that can be stored.");
}
