using System;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace Mindee.Ocr.AspNetCore;

/// <summary>
/// Calls a handler written like a minimal-API handler: each parameter is the delivery, the
/// <see cref="HttpContext"/>, the request's <see cref="CancellationToken"/>, or a service from the
/// request's scope. The parameters are looked at once, when the endpoint is mapped, so a handler
/// that asks for something no request can give fails at startup, not at the first delivery.
/// </summary>
internal sealed class WebhookHandlerInvoker
{
    private readonly Delegate _handler;
    private readonly Func<HttpContext, OcrWebhookDelivery, object?>[] _arguments;

    public WebhookHandlerInvoker(Delegate handler)
    {
        _handler = handler;
        var parameters = handler.Method.GetParameters();
        _arguments = new Func<HttpContext, OcrWebhookDelivery, object?>[parameters.Length];
        for (int i = 0; i < parameters.Length; i++)
        {
            _arguments[i] = Bind(parameters[i]);
        }

        var returns = handler.Method.ReturnType;
        if (returns != typeof(void) && returns != typeof(Task) && returns != typeof(ValueTask) && !typeof(IResult).IsAssignableFrom(returns) && returns != typeof(Task<IResult>))
        {
            throw new ArgumentException(
                $"A webhook handler returns void, Task, ValueTask, an IResult or a Task<IResult>; this one returns {returns}.", nameof(handler));
        }
    }

    public async Task InvokeAsync(HttpContext context, OcrWebhookDelivery delivery)
    {
        var arguments = new object?[_arguments.Length];
        for (int i = 0; i < arguments.Length; i++)
        {
            arguments[i] = _arguments[i](context, delivery);
        }

        object? returned;
        try
        {
            returned = _handler.DynamicInvoke(arguments);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
            throw;
        }

        switch (returned)
        {
            case Task<IResult> resultTask:
                await (await resultTask.ConfigureAwait(false)).ExecuteAsync(context).ConfigureAwait(false);
                break;
            case Task task:
                await task.ConfigureAwait(false);
                break;
            case ValueTask valueTask:
                await valueTask.ConfigureAwait(false);
                break;
            case IResult result:
                await result.ExecuteAsync(context).ConfigureAwait(false);
                break;
        }
    }

    private static Func<HttpContext, OcrWebhookDelivery, object?> Bind(ParameterInfo parameter)
    {
        var type = parameter.ParameterType;
        if (type == typeof(OcrWebhookDelivery))
        {
            return static (_, delivery) => delivery;
        }

        if (type == typeof(HttpContext))
        {
            return static (context, _) => context;
        }

        if (type == typeof(CancellationToken))
        {
            return static (context, _) => context.RequestAborted;
        }

        if (type == typeof(HttpRequest))
        {
            return static (context, _) => context.Request;
        }

        bool optional = parameter.HasDefaultValue || new NullabilityInfoContext().Create(parameter).WriteState == NullabilityState.Nullable;
        return optional
            ? (context, _) => context.RequestServices.GetService(type)
            : (context, _) => context.RequestServices.GetService(type)
                ?? throw new InvalidOperationException(
                    $"The webhook handler's parameter '{parameter.Name}' is a {type}, which is not a registered service " +
                    "(a handler takes the OcrWebhookDelivery, the HttpContext or HttpRequest, the CancellationToken, and registered services).");
    }
}
