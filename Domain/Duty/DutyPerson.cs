namespace Dispatch.Domain.Duty;

/// <summary>A person who can be told about an alert: their user name and e-mail address.</summary>
public sealed record DutyPerson(string UserName, string Email);
