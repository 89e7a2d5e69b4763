using Consortium.Portal.Platform.Domain;
using FluentValidation;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Consortium.Portal.Platform.Validation;

/// <summary>
/// Validates an endpoint's arguments that have a registered <see cref="IValidator{T}"/> before its handler runs. The
/// factory looks at the handler's parameters once, at start-up; an endpoint with nothing to validate gets no filter and
/// pays nothing per request. A refusal is thrown, so the one exception mapping (ExceptionProblems) answers it.
/// </summary>
internal static class RequestValidationFilter
{
    public static EndpointFilterDelegate Create(EndpointFilterFactoryContext context, EndpointFilterDelegate next)
    {
        var services = context.ApplicationServices;
        var isService = services.GetService<IServiceProviderIsService>();
        var validated = new List<(int Index, Type ValidatorType)>();
        var parameters = context.MethodInfo.GetParameters();
        for (var i = 0; i < parameters.Length; i++)
        {
            var type = parameters[i].ParameterType;
            if (type.IsPrimitive || type == typeof(string) || type == typeof(CancellationToken) || type.IsAssignableTo(typeof(HttpContext)))
            {
                continue;
            }
            var validatorType = typeof(IValidator<>).MakeGenericType(type);
            if (isService?.IsService(validatorType) == true)
            {
                validated.Add((i, validatorType));
            }
        }
        if (validated.Count == 0)
        {
            return next;
        }
        return async invocation =>
        {
            foreach (var (index, validatorType) in validated)
            {
                if (invocation.Arguments[index] is not { } argument)
                {
                    continue; // a missing body is the framework's own 400
                }
                var validator = (IValidator)invocation.HttpContext.RequestServices.GetRequiredService(validatorType);
                var result = await validator.ValidateAsync(new ValidationContext<object>(argument), invocation.HttpContext.RequestAborted);
                if (!result.IsValid)
                {
                    throw new RequestValidationException(RequestValidation.ToFieldErrors(result));
                }
            }
            return await next(invocation);
        };
    }
}
