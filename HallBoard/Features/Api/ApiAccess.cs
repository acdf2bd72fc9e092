using HallBoard.Data;
using HallBoard.Domain;
using HallBoard.Features.Account;

namespace HallBoard.Features.Api;

/// <summary>
/// What a key may do before any endpoint runs: reads need the <c>read</c> scope, changes the <c>write</c> scope,
/// and a key bound to no hall (and not to all halls) gets nothing. Runs inside <see cref="ApiProblemFilter"/>,
/// so a refusal is a 403 problem with a Chinese message.
/// </summary>
public sealed class ApiAccessFilter : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;
        var actor = context.HttpContext.User.ToActor();
        var needed = HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) ? ApiScopes.Read : ApiScopes.Write;
        ApiAccess.Require(actor, needed);
        return next(context);
    }
}

public static class ApiAccess
{
    public static string ScopeMessage(string scope) => scope switch
    {
        ApiScopes.Read => "该接口密钥没有读取权限（read），不能查询工单。",
        ApiScopes.Write => "该接口密钥没有写入权限（write），不能修改工单。",
        _ => $"该接口密钥没有“{scope}”权限。",
    };

    /// <summary>Throws <see cref="ForbiddenException"/> unless the key has the scope and a hall to work in.</summary>
    public static void Require(Actor actor, string scope)
    {
        if (!actor.Scopes.Contains(scope)) throw new ForbiddenException(ScopeMessage(scope));
        _ = actor.HallScope;
    }

    /// <summary>Taxpayer ID and phone in clear only for a key with the <c>pii</c> scope.</summary>
    public static bool SeesPii(this Actor actor) => actor.Scopes.Contains(ApiScopes.Pii);

    /// <summary>The hall a request names, checked against the key: another hall is refused, none means the key's own.</summary>
    public static int? HallFor(Actor actor, int? requested)
    {
        if (requested is int hall)
        {
            if (!actor.CanSee(hall)) throw new ForbiddenException("该接口密钥只能访问其绑定的办税服务厅。");
            return hall;
        }
        return actor.HallScope;
    }
}
