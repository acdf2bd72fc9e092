using System.Net;
using System.Text.RegularExpressions;

namespace HallBoard.Tests.Infrastructure;

/// <summary>Posts a server-rendered form as a browser would: reads the page's antiforgery token first.</summary>
public static partial class FormPost
{
    public static async Task<HttpResponseMessage> SubmitAsync(HttpClient client, string pageUrl, string action, IDictionary<string, string> fields)
    {
        var page = await client.GetStringAsync(pageUrl);
        var token = TokenPattern().Match(page);
        if (!token.Success) throw new InvalidOperationException($"No antiforgery token on {pageUrl}");
        var form = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value) };
        return await client.PostAsync(action, new FormUrlEncodedContent(form));
    }

    public static Task<HttpResponseMessage> SignInAsync(HttpClient client, string userName, string password) =>
        SubmitAsync(client, "/login", "/account/login", new Dictionary<string, string> { ["userName"] = userName, ["password"] = password, ["returnUrl"] = "/" });

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
