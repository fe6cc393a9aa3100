namespace Dispatch.Web.CustomerLinks;

/// <summary>The customer status link ("Customers:Links").</summary>
public sealed class CustomerLinkOptions
{
    public const string SectionName = "Customers:Links";

    /// <summary>
    /// The server key links are signed with (at least 32 bytes), the same on every web node. Without it the key is
    /// derived from <c>Auth:SigningKey</c>; with neither, tickets carry no link.
    /// </summary>
    public string? Key { get; set; }

    /// <summary>Keys of before a rotation: links they signed still open, new links are signed with <see cref="Key"/>.</summary>
    public List<string> PreviousKeys { get; set; } = [];

    /// <summary>How long a link still opens after its ticket closed or was cancelled.</summary>
    public TimeSpan ExpireAfterClose { get; set; } = TimeSpan.FromDays(14);

    /// <summary>Requests per minute one address may make to customer links (a page polls a few times a minute).</summary>
    public int RequestsPerMinute { get; set; } = 120;

    /// <summary>Where links point: the public origin of the site ("https://service.example.com"); empty means a relative link.</summary>
    public string PublicBaseUrl { get; set; } = "";
}
