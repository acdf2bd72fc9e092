using System.Net;
using System.Text.RegularExpressions;

namespace HallBoard.Tests.Infrastructure;

/// <summary>Posts a server-rendered form as a browser would: reads the page's antiforgery token first.</summary>
public static partial class FormPost
{
    /// <param name="expectContinue">For a body the server refuses by its length: the client waits for the server's
    /// go-ahead and so reads the 413 instead of writing into a connection the server has already closed.</param>
    public static async Task<HttpResponseMessage> SubmitAsync(HttpClient client, string pageUrl, string action, IDictionary<string, string> fields,
        bool expectContinue = false)
    {
        var page = await client.GetStringAsync(pageUrl);
        var token = TokenPattern().Match(page);
        if (!token.Success) throw new InvalidOperationException($"No antiforgery token on {pageUrl}");
        var form = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value) };
        using var request = new HttpRequestMessage(HttpMethod.Post, action) { Content = new FormUrlEncodedContent(form) };
        request.Headers.ExpectContinue = expectContinue;
        return await client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> SignInAsync(HttpClient client, string userName, string password) =>
        SubmitAsync(client, "/login", "/account/login", new Dictionary<string, string> { ["userName"] = userName, ["password"] = password, ["returnUrl"] = "/" });

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
