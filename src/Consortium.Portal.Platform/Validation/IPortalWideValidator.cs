namespace Consortium.Portal.Platform.Validation;

/// <summary>
/// A validator that holds nothing of a request: it takes only singletons (a localizer, the clock), and its messages are
/// read in the request's language when a rule fails (<c>.WithMessage(_ => text["Key"])</c>). The module loader registers
/// one for the whole portal instead of one per request scope, so a service may take it in its constructor at no cost to
/// the requests that do not validate (each validator builds its rules' expression trees when it is made).
/// A validator that needs a scoped service (a DbContext, the current user) does not implement it, and stays scoped.
/// </summary>
public interface IPortalWideValidator;
