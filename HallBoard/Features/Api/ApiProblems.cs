using HallBoard.Data;
using HallBoard.Domain;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HallBoard.Features.Api;

/// <summary>
/// Turns every user-facing error of the integration API into an RFC 9457 problem in Chinese,
/// so a caller never sees a 500 or an empty 400 for bad input.
/// </summary>
public static class ApiProblems
{
    public const string ValidationTitle = "提交的内容有误";
    public const string RuleTitle = "不允许的操作";
    public const string ConflictTitle = "数据已被修改";
    public const string NotFoundTitle = "未找到";

    /// <summary>Seconds a client is asked to wait when the database was busy.</summary>
    public const int RetryAfterSeconds = 2;

    /// <summary>Marks endpoints whose errors, including failed sign-in, are answered as problems.</summary>
    public sealed class Marker;

    public static IResult For(HallBoardException error) => error switch
    {
        ValidationFailedException v => Validation(v.Errors),
        TicketRuleException r => TypedResults.Problem(r.Message, statusCode: StatusFor(r.Rule), title: RuleTitle,
            extensions: new Dictionary<string, object?> { ["rule"] = r.Rule.ToString() }),
        ConcurrencyConflictException c => TypedResults.Problem(c.Message, statusCode: StatusCodes.Status409Conflict, title: ConflictTitle),
        DuplicateException d => TypedResults.Problem(d.Message, statusCode: StatusCodes.Status409Conflict, title: "数据重复"),
        BusyException b => Busy(b.Message),
        NotFoundException n => TypedResults.Problem(n.Message, statusCode: StatusCodes.Status404NotFound, title: NotFoundTitle),
        ForbiddenException f => TypedResults.Problem(f.Message, statusCode: StatusCodes.Status403Forbidden, title: "无权操作"),
        _ => TypedResults.Problem(error.Message, statusCode: StatusCodes.Status400BadRequest, title: "请求无法处理"),
    };

    public static IResult Validation(IReadOnlyDictionary<string, string[]> errors, int status = StatusCodes.Status400BadRequest) =>
        status == StatusCodes.Status400BadRequest
            ? TypedResults.ValidationProblem(errors, title: ValidationTitle)
            : TypedResults.Problem(new HttpValidationProblemDetails(errors)
            {
                Status = status,
                Title = status switch
                {
                    StatusCodes.Status413PayloadTooLarge => "请求体过大",
                    StatusCodes.Status415UnsupportedMediaType => "不支持的请求格式",
                    _ => ValidationTitle,
                },
                Detail = string.Join("；", errors.SelectMany(e => e.Value)),
            });

    /// <summary>503 with Retry-After: the database stayed locked by other writers past its busy timeout.</summary>
    public static IResult Busy(string message = "系统繁忙，请稍后重试。") =>
        new WithRetryAfter(TypedResults.Problem(message, statusCode: StatusCodes.Status503ServiceUnavailable, title: "系统繁忙"));

    /// <summary>A save the database refused for a reason no rule foresaw: a server error that says so, not a "conflict".</summary>
    public static IResult SaveFailed() => TypedResults.Problem("保存失败：数据库拒绝了这次修改，未保存任何内容。请联系系统管理员。",
        statusCode: StatusCodes.Status500InternalServerError, title: "保存失败");

    /// <summary>A refused state change is a conflict with the ticket's state; refused content cannot be processed.</summary>
    private static int StatusFor(TicketRule rule) => rule switch
    {
        TicketRule.ResolutionRequired or TicketRule.ReasonRequired or TicketRule.TextTooLong or TicketRule.MarkupRefused
            => StatusCodes.Status422UnprocessableEntity,
        _ => StatusCodes.Status409Conflict,
    };

    private sealed class WithRetryAfter(IResult inner) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return inner.ExecuteAsync(httpContext);
        }
    }
}

/// <summary>Answers body errors found while binding, and domain errors thrown by the handler, as problems.</summary>
public sealed class ApiProblemFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        foreach (var argument in context.Arguments)
            if (argument is IApiBody { Errors: { } errors } body)
                return ApiProblems.Validation(errors, body.Status);
        try
        {
            return await next(context);
        }
        catch (HallBoardException error)
        {
            return ApiProblems.For(error);
        }
        catch (Exception error) when (DbFailures.IsBusy(error))
        {
            return ApiProblems.Busy();
        }
        catch (DbUpdateException)
        {
            return ApiProblems.SaveFailed();
        }
    }
}

/// <summary>Collects field errors (camelCase keys, Chinese messages) and throws them together.</summary>
public sealed class ApiErrors
{
    private readonly Dictionary<string, string[]> _errors = [];

    public void Add(string field, string message) =>
        _errors[field] = _errors.TryGetValue(field, out var existing) ? [.. existing, message] : [message];

    public void Add(IReadOnlyDictionary<string, string[]> errors)
    {
        foreach (var (field, messages) in errors)
            foreach (var message in messages) Add(field, message);
    }

    public T Required<T>(T? value, string field, string message) where T : struct
    {
        if (value is null) Add(field, message);
        return value.GetValueOrDefault();
    }

    public string Required(string? value, string field, string message)
    {
        if (string.IsNullOrWhiteSpace(value)) Add(field, message);
        return value?.Trim() ?? "";
    }

    public void ThrowIfAny()
    {
        if (_errors.Count > 0) throw new ValidationFailedException(_errors);
    }
}

/// <summary>A missing, unknown or revoked key is answered with a 401 problem instead of an empty page.</summary>
public sealed class ApiAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        await _default.HandleAsync(next, context, policy, authorizeResult);
        if (authorizeResult.Succeeded || context.Response.HasStarted
            || context.GetEndpoint()?.Metadata.GetMetadata<ApiProblems.Marker>() is null) return;
        var problem = authorizeResult.Forbidden
            ? TypedResults.Problem("该接口密钥无权调用此接口。", statusCode: StatusCodes.Status403Forbidden, title: "无权操作")
            : TypedResults.Problem(
                context.Request.Headers.Authorization.Count == 0
                    ? "请在 Authorization 请求头中提供接口密钥：Bearer <密钥>。"
                    : "接口密钥无效或已吊销。",
                statusCode: StatusCodes.Status401Unauthorized, title: "未通过身份验证");
        await problem.ExecuteAsync(context);
    }
}
