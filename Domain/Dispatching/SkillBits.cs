namespace Dispatch.Domain.Dispatching;

/// <summary>
/// Numbers skill tags 0..63 as the index meets them, so that "holds every required skill" is one AND on a word
/// stored beside the engineer's position instead of dictionary lookups behind two pointers. Falls back (returns
/// false) whenever the bits could disagree with <see cref="EngineerFacts.Holds"/>: more than 64 distinct skills,
/// or a skills dictionary whose key comparison is not ordinal (case-insensitive, say).
/// </summary>
internal sealed class SkillBits
{
    private const int Capacity = 64;
    private readonly Dictionary<string, int> _bits = new(StringComparer.Ordinal);

    /// <summary>The bits of the skills held (proficiency above 0); false when they would not be exact.</summary>
    public bool TryEncode(IReadOnlyDictionary<string, int> skills, out ulong bits)
    {
        bits = 0;
        if (skills is not Dictionary<string, int> dictionary
            || !(ReferenceEquals(dictionary.Comparer, StringComparer.Ordinal) || ReferenceEquals(dictionary.Comparer, EqualityComparer<string>.Default)))
        {
            return false;
        }

        foreach (var (skill, proficiency) in dictionary)
        {
            if (proficiency <= 0)
            {
                continue;
            }

            if (!_bits.TryGetValue(skill, out var bit))
            {
                if (_bits.Count == Capacity)
                {
                    return false;
                }

                bit = _bits.Count;
                _bits.Add(skill, bit);
            }

            bits |= 1UL << bit;
        }

        return true;
    }

    /// <summary>
    /// The bits of required skills; false when one has never been held by an engineer with exact bits, in which
    /// case no such engineer qualifies.
    /// </summary>
    public bool TryEncode(string[] required, out ulong bits)
    {
        bits = 0;
        foreach (var skill in required)
        {
            if (!_bits.TryGetValue(skill, out var bit))
            {
                return false;
            }

            bits |= 1UL << bit;
        }

        return true;
    }
}
