<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>ApiError</name>
    <message>
        <location filename="../../app/core/ApiCall.cpp" line="159"/>
        <source>The request to %1 was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/core/ApiCall.cpp" line="168"/>
        <location filename="../../app/core/ResponseParser.cpp" line="134"/>
        <source>The response from %1 is not in the DenvrCloud API format. Check the server address, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/core/ApiCall.cpp" line="171"/>
        <source>The server&apos;s response was larger than 1 MiB.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/core/ApiClient.cpp" line="141"/>
        <source>Could not read the certificate file %1: %2. Choose a readable PEM file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/core/ApiClient.cpp" line="153"/>
        <source>The file %1 contains no PEM certificate. Choose the CA certificate in PEM format.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/core/ResponseParser.cpp" line="23"/>
        <source>the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/core/ResponseParser.cpp" line="62"/>
        <source>The request to %1 timed out. Check your network connection, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/core/ResponseParser.cpp" line="68"/>
        <source>Could not connect to %1: the connection was refused. Check the server address and your network, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/core/ResponseParser.cpp" line="75"/>
        <source>Could not find the server %1 on the network. Check the server address and your network connection, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/core/ResponseParser.cpp" line="82"/>
        <source>Could not open a secure connection to %1. If your company uses its own certificate authority, add its certificate, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/core/ResponseParser.cpp" line="93"/>
        <source>%1 redirected the request to another address, which is not followed. Check the server address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/core/ResponseParser.cpp" line="101"/>
        <source>Could not reach %1 because of a network error. Check your network connection, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/core/ResponseParser.cpp" line="145"/>
        <source>The response is a web page, not JSON.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/core/ResponseParser.cpp" line="149"/>
        <source>The response has the content type %1 instead of JSON.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/core/ResponseParser.cpp" line="153"/>
        <source>The response is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/core/ResponseParser.cpp" line="155"/>
        <source>The response is not JSON wrapped in the ABP envelope.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/core/ResponseParser.cpp" line="168"/>
        <source>The request failed because of a problem at %1 (HTTP %2). Try again in a few minutes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/core/ResponseParser.cpp" line="176"/>
        <location filename="../../app/core/ResponseParser.cpp" line="219"/>
        <source>The request is not available at %1 (HTTP 404). Check the server address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/core/ResponseParser.cpp" line="184"/>
        <source>The session is no longer valid at %1 (HTTP %2). Sign in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/core/ResponseParser.cpp" line="190"/>
        <source>Unexpected response from %1 (HTTP %2). Check the server address, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/core/ResponseParser.cpp" line="206"/>
        <source>The request was rejected as invalid by %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/core/ResponseParser.cpp" line="215"/>
        <source>The session is no longer valid at %1. Sign in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/core/ResponseParser.cpp" line="226"/>
        <source>The request failed at %1 (HTTP %2). Try again later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/core/ResponseParser.cpp" line="271"/>
        <source>The result lacks a valid %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/core/ResponseParser.cpp" line="320"/>
        <source>You must change your password before you can sign in. Set a new password on the password reset page, then sign in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/core/ResponseParser.cpp" line="336"/>
        <source>The user name or password is incorrect.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/core/ResponseParser.cpp" line="347"/>
        <source>The code is wrong or was already used. Enter the current code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/core/ResponseParser.cpp" line="362"/>
        <source>The saved session is no longer valid at %1. Sign in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/core/ResponseParser.cpp" line="388"/>
        <source>The response has no HTTP status.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/core/ResponseParser.cpp" line="408"/>
        <location filename="../../app/core/ResponseParser.cpp" line="443"/>
        <source>The response contains no result.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/core/ResponseParser.cpp" line="482"/>
        <source>This server (%1) cannot send security codes. Enter the code from your authenticator app instead.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AppController</name>
    <message>
        <location filename="../../app/gui/AppController.cpp" line="364"/>
        <source>Reading the stored session from the keychain…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/AppController.cpp" line="409"/>
        <source>Keychain problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/AppController.cpp" line="415"/>
        <source>Session ended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/AppController.cpp" line="428"/>
        <source>Your DenvrCloud session ends on %1 at %2. To keep working without interruption, sign out and sign in again before then.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/AppController.cpp" line="431"/>
        <source>Session ends soon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/AppController.cpp" line="546"/>
        <source>Cannot reach DenvrCloud</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/AppController.cpp" line="547"/>
        <source>The connection to %1 has been failing since %2, and the access token has expired. Tools that use it fail until the connection returns; Denvr Sign-In keeps retrying.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Autostart</name>
    <message>
        <location filename="../../app/core/AutostartLinux.cpp" line="139"/>
        <source>Could not create the folder %1. Check its permissions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/core/AutostartLinux.cpp" line="151"/>
        <source>Could not write %1: %2. Check the folder&apos;s permissions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/core/AutostartLinux.cpp" line="161"/>
        <source>Could not save %1: %2. Check the free disk space.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/core/AutostartLinux.cpp" line="180"/>
        <source>Could not remove %1: %2. Check the folder&apos;s permissions.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>InstanceLock</name>
    <message>
        <location filename="../../app/core/InstanceLock.cpp" line="54"/>
        <source>No permission to create the lock file %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/core/InstanceLock.cpp" line="64"/>
        <source>Could not create the lock file %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>InstanceServer</name>
    <message>
        <location filename="../../app/core/InstanceServer.cpp" line="107"/>
        <source>Only the instance that holds the lock may listen on the instance socket.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/core/InstanceServer.cpp" line="123"/>
        <source>Could not listen on %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/core/InstanceServer.cpp" line="198"/>
        <source>Denvr Sign-In did not obtain an access token within %1 s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/core/InstanceServer.cpp" line="242"/>
        <source>The request is longer than %1 bytes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/core/InstanceServer.cpp" line="259"/>
        <source>The request is not valid JSON: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/core/InstanceServer.cpp" line="267"/>
        <source>The request must be a JSON object with a &quot;command&quot; string.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/core/InstanceServer.cpp" line="276"/>
        <source>The status is not available yet. Try again in a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/core/InstanceServer.cpp" line="312"/>
        <source>Unknown command &quot;%1&quot;. Use one of: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/core/InstanceServer.cpp" line="321"/>
        <source>Denvr Sign-In cannot provide access tokens yet. Try again in a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/core/InstanceServer.cpp" line="332"/>
        <source>You are not signed in to DenvrCloud. Sign in first.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KeychainStore</name>
    <message>
        <location filename="../../app/core/KeychainStore.cpp" line="331"/>
        <source>No saved sign-in was found in the keychain. Sign in again to save one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/core/KeychainStore.cpp" line="335"/>
        <source>No keychain is available (the Secret Service is not running on the session bus). Start GNOME Keyring, KWallet or another Secret Service to have sessions remembered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/core/KeychainStore.cpp" line="340"/>
        <source>The keychain is locked and was not unlocked. Unlock it, for example by logging out and in again or with your desktop&apos;s keyring manager, then choose Retry.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/core/KeychainStore.cpp" line="355"/>
        <source>The keychain reported an error. Try again, and if the error stays, restart your desktop session.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/core/KeychainStore.cpp" line="360"/>
        <source>The keychain reported an error: %1. Try again, and if the error stays, restart your desktop session.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PasswordResetPrompt</name>
    <message>
        <location filename="../../app/gui/PasswordResetPrompt.cpp" line="16"/>
        <location filename="../../app/gui/PasswordResetPrompt.cpp" line="44"/>
        <source>Password reset required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/PasswordResetPrompt.cpp" line="18"/>
        <source>Your password must be reset before you can sign in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/PasswordResetPrompt.cpp" line="19"/>
        <source>Set a new password in the DenvrCloud console, then sign in here with the new password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/PasswordResetPrompt.cpp" line="21"/>
        <source>Open reset page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/PasswordResetPrompt.cpp" line="45"/>
        <source>No web browser could be opened. Open this address in a browser yourself:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProxySettings</name>
    <message>
        <location filename="../../app/core/ProxySettings.cpp" line="11"/>
        <source>The proxy host is missing. Enter the proxy&apos;s host name or address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/core/ProxySettings.cpp" line="15"/>
        <source>The proxy host &quot;%1&quot; is invalid. Enter a host name or address without a scheme, path or spaces.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/core/ProxySettings.cpp" line="22"/>
        <source>The proxy port is missing. Enter a port from 1 to 65535.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ServerUrl</name>
    <message>
        <location filename="../../app/core/ServerUrl.cpp" line="40"/>
        <source>Enter the server address, such as %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/core/ServerUrl.cpp" line="44"/>
        <source>&quot;%1&quot; is not a valid server address. Enter an address such as %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/core/ServerUrl.cpp" line="50"/>
        <source>The server address must start with https://, not %1://. Enter an address such as %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/core/ServerUrl.cpp" line="56"/>
        <source>The server address %1 uses plain http://, which is allowed only for this computer (localhost, 127.x.x.x or ::1). Use https:// instead.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <location filename="../../app/core/Session.cpp" line="172"/>
        <source>You switched to another DenvrCloud server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/core/Session.cpp" line="206"/>
        <source>You can still sign in, but the session will not be remembered after you quit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/core/Session.cpp" line="238"/>
        <location filename="../../app/core/Session.cpp" line="831"/>
        <source>Your DenvrCloud session has expired. Sign in again to continue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/core/Session.cpp" line="449"/>
        <source>You stay signed in until you quit, but the session will not be remembered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/core/Session.cpp" line="499"/>
        <source>You are not signed in to DenvrCloud. Sign in first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/core/Session.cpp" line="636"/>
        <location filename="../../app/core/Session.cpp" line="663"/>
        <source>DenvrCloud ended your session (the server no longer accepts it). Sign in again to continue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/core/Session.cpp" line="736"/>
        <source>The stored session could not be deleted; remove the &quot;denvr-signin&quot; entry in your keychain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/core/Session.cpp" line="752"/>
        <location filename="../../app/core/Session.cpp" line="818"/>
        <source>You signed out of DenvrCloud.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SessionSummary</name>
    <message>
        <location filename="../../app/gui/SessionSummary.cpp" line="36"/>
        <source>Access token expired — reconnecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/SessionSummary.cpp" line="40"/>
        <source>Signed out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/SessionSummary.cpp" line="42"/>
        <source>Restoring session…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/SessionSummary.cpp" line="44"/>
        <source>Signing in…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/SessionSummary.cpp" line="44"/>
        <source>Signing in as %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/SessionSummary.cpp" line="46"/>
        <source>Waiting for the security code of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/SessionSummary.cpp" line="48"/>
        <source>Signed in as %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/SessionSummary.cpp" line="50"/>
        <source>Signed in as %1, renewing the access token…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/SessionSummary.cpp" line="52"/>
        <source>Signed in as %1 — offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/SessionSummary.cpp" line="54"/>
        <source>Session of %1 ended: sign in again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/SessionSummary.cpp" line="56"/>
        <source>Keychain unavailable: sign in to continue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/SessionSummary.cpp" line="58"/>
        <source>Signing out…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/SessionSummary.cpp" line="70"/>
        <source>User: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/SessionSummary.cpp" line="74"/>
        <source>Cannot reach the server. Next try at %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/SessionSummary.cpp" line="75"/>
        <source>Cannot reach the server. Retrying.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/SessionSummary.cpp" line="80"/>
        <source>Server: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/SessionSummary.cpp" line="87"/>
        <source>Access token expires at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/SessionSummary.cpp" line="92"/>
        <source>Renews at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/SessionSummary.cpp" line="96"/>
        <source>Session valid until %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/SessionSummary.cpp" line="99"/>
        <source>This session is not remembered after you quit.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../app/gui/SettingsDialog.cpp" line="42"/>
        <source>The keychain is not available</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/SettingsDialog.cpp" line="95"/>
        <source>Unchanged (stored in the keychain)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/SettingsDialog.cpp" line="141"/>
        <source>Enter the URL of the custom server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/SettingsDialog.cpp" line="245"/>
        <source>The proxy password could not be stored in the keychain: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SettingsDialog.ui" line="6"/>
        <source>Denvr Sign-In Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SettingsDialog.ui" line="9"/>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SettingsDialog.ui" line="18"/>
        <source>Server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SettingsDialog.ui" line="24"/>
        <source>&amp;Production (api.cloud.denvrdata.com)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SettingsDialog.ui" line="27"/>
        <source>Production server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SettingsDialog.ui" line="37"/>
        <source>S&amp;taging (api.cloud.denvrdata.dev)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SettingsDialog.ui" line="40"/>
        <source>Staging server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SettingsDialog.ui" line="47"/>
        <source>C&amp;ustom:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SettingsDialog.ui" line="50"/>
        <source>Custom server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SettingsDialog.ui" line="57"/>
        <source>https://api.example.com</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SettingsDialog.ui" line="60"/>
        <source>Custom server URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SettingsDialog.ui" line="77"/>
        <source>Each server keeps its own stored session. Switching servers does not sign you out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SettingsDialog.ui" line="90"/>
        <source>Network proxy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SettingsDialog.ui" line="96"/>
        <source>Use the s&amp;ystem proxy settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SettingsDialog.ui" line="99"/>
        <source>System proxy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SettingsDialog.ui" line="109"/>
        <source>&amp;No proxy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SettingsDialog.ui" line="112"/>
        <source>No proxy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SettingsDialog.ui" line="119"/>
        <source>&amp;Manual proxy:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SettingsDialog.ui" line="122"/>
        <source>Manual proxy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SettingsDialog.ui" line="129"/>
        <source>&amp;Host:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SettingsDialog.ui" line="139"/>
        <source>Proxy host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SettingsDialog.ui" line="142"/>
        <source>proxy.example.com</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SettingsDialog.ui" line="149"/>
        <source>P&amp;ort:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SettingsDialog.ui" line="159"/>
        <source>Proxy port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SettingsDialog.ui" line="175"/>
        <source>U&amp;ser name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SettingsDialog.ui" line="185"/>
        <source>Proxy user name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SettingsDialog.ui" line="188"/>
        <source>optional</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SettingsDialog.ui" line="195"/>
        <source>Pass&amp;word:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SettingsDialog.ui" line="205"/>
        <source>Proxy password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SettingsDialog.ui" line="228"/>
        <source>General</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SettingsDialog.ui" line="234"/>
        <source>&amp;Warn before the session ends:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SettingsDialog.ui" line="244"/>
        <source>Warning lead time in hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SettingsDialog.ui" line="247"/>
        <source> h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SettingsDialog.ui" line="263"/>
        <source>Start at &amp;login</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SettingsDialog.ui" line="266"/>
        <source>Start at login</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SettingsDialog.ui" line="273"/>
        <source>Start minimi&amp;zed, in the tray only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SettingsDialog.ui" line="276"/>
        <source>Start minimized</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../../ui/SignInDialog.ui" line="14"/>
        <location filename="../../ui/SignInDialog.ui" line="64"/>
        <source>Sign in to DenvrCloud</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SignInDialog.ui" line="71"/>
        <source>Use the user name or email address and the password of your DenvrCloud account.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SignInDialog.ui" line="99"/>
        <source>&amp;User name or email:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SignInDialog.ui" line="109"/>
        <source>User name or email address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SignInDialog.ui" line="115"/>
        <source>name or name@example.com</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SignInDialog.ui" line="122"/>
        <source>&amp;Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SignInDialog.ui" line="132"/>
        <location filename="../../app/gui/SignInDialog.cpp" line="180"/>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SignInDialog.ui" line="145"/>
        <location filename="../../ui/SignInDialog.ui" line="151"/>
        <source>Stores the session in the system keychain, so that you stay signed in after a restart.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SignInDialog.ui" line="148"/>
        <source>Keep me signed in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SignInDialog.ui" line="154"/>
        <source>&amp;Keep me signed in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SignInDialog.ui" line="164"/>
        <source>&amp;Server:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SignInDialog.ui" line="174"/>
        <location filename="../../ui/SignInDialog.ui" line="180"/>
        <source>The DenvrCloud API address. Change it only for a staging or company server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SignInDialog.ui" line="177"/>
        <source>Server URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SignInDialog.ui" line="186"/>
        <source>https://api.cloud.denvrdata.com</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SignInDialog.ui" line="224"/>
        <source>Sign-in progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SignInDialog.ui" line="237"/>
        <location filename="../../app/gui/SignInDialog.cpp" line="103"/>
        <source>Signing in…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/SignInDialog.cpp" line="40"/>
        <source>Sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/SignInDialog.cpp" line="42"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/SignInDialog.cpp" line="48"/>
        <source>&amp;Retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/SignInDialog.cpp" line="51"/>
        <source>Reads the stored session from the keychain again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/SignInDialog.cpp" line="177"/>
        <source>User name or email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/SignInDialog.cpp" line="192"/>
        <source>Check the fields of the form.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/SignInDialog.cpp" line="194"/>
        <source>Check these fields: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/SignInDialog.cpp" line="219"/>
        <source>Enter your user name or email address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/SignInDialog.cpp" line="221"/>
        <source>Enter your password.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StatusWindow</name>
    <message>
        <location filename="../../app/gui/StatusWindow.cpp" line="37"/>
        <source>Denvr Sign-In status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/StatusWindow.cpp" line="52"/>
        <source>This desktop has no system tray, so Denvr Sign-In shows its status here. Closing the window minimizes it; the session is renewed while the app runs.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StoredSession</name>
    <message>
        <location filename="../../app/core/StoredSession.cpp" line="48"/>
        <source>The stored session has no %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/core/StoredSession.cpp" line="54"/>
        <source>The stored session has an invalid %1 &quot;%2&quot;: expected an ISO 8601 date and time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/core/StoredSession.cpp" line="71"/>
        <source>The stored session has no userId.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/core/StoredSession.cpp" line="87"/>
        <source>The stored session has an invalid userId: expected an integer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/core/StoredSession.cpp" line="98"/>
        <source>The stored session has no server address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/core/StoredSession.cpp" line="104"/>
        <source>The stored session has an invalid server address &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/core/StoredSession.cpp" line="119"/>
        <source>The stored session is not valid JSON: %1 at offset %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/core/StoredSession.cpp" line="127"/>
        <source>The stored session is not a JSON object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/core/StoredSession.cpp" line="138"/>
        <source>The stored session has no format version.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/core/StoredSession.cpp" line="143"/>
        <source>The stored session has the unknown format version %1, but this application reads version %2 only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/core/StoredSession.cpp" line="194"/>
        <source>The stored session has no user name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/core/StoredSession.cpp" line="200"/>
        <source>The stored session has no refresh token.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TrayController</name>
    <message>
        <location filename="../../app/gui/TrayController.cpp" line="68"/>
        <source>Sign in…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/TrayController.cpp" line="69"/>
        <source>Retry reading the keychain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/TrayController.cpp" line="70"/>
        <source>Sign out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/TrayController.cpp" line="71"/>
        <source>Sign out and forget this device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/TrayController.cpp" line="73"/>
        <source>Also deletes the token that lets this device skip the two-factor step.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/TrayController.cpp" line="76"/>
        <source>Renew now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/TrayController.cpp" line="77"/>
        <source>Copy access token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/TrayController.cpp" line="78"/>
        <source>The clipboard is cleared again after one minute.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/TrayController.cpp" line="79"/>
        <source>Open DenvrCloud console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/TrayController.cpp" line="81"/>
        <source>Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/TrayController.cpp" line="82"/>
        <source>Start at login</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/TrayController.cpp" line="86"/>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/TrayController.cpp" line="279"/>
        <source>Access token not copied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/TrayController.cpp" line="312"/>
        <source>Console not opened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/TrayController.cpp" line="313"/>
        <source>No web browser could open %1. Open it by hand.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/TrayController.cpp" line="325"/>
        <source>Start at login not changed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TwoFactorDialog</name>
    <message>
        <location filename="../../app/gui/TwoFactorDialog.cpp" line="40"/>
        <source>Verify</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/TwoFactorDialog.cpp" line="42"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/TwoFactorDialog.cpp" line="144"/>
        <source>A code was sent by email.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/TwoFactorDialog.cpp" line="146"/>
        <source>A code was sent by text message.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/TwoFactorDialog.cpp" line="148"/>
        <source>A code was sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/TwoFactorDialog.cpp" line="200"/>
        <source>Email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/TwoFactorDialog.cpp" line="202"/>
        <source>Text message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/TwoFactorDialog.cpp" line="204"/>
        <source>Authenticator app</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/TwoFactorDialog.cpp" line="247"/>
        <source>Click Send code to receive a code by email, then enter it here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/TwoFactorDialog.cpp" line="250"/>
        <source>Click Send code to receive a code by text message, then enter it here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/TwoFactorDialog.cpp" line="253"/>
        <source>Open your authenticator app and enter the code it shows for DenvrCloud.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/TwoFactorDialog.cpp" line="255"/>
        <source>Enter the code from %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/TwoFactorDialog.cpp" line="271"/>
        <source>Sending the code…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/gui/TwoFactorDialog.cpp" line="286"/>
        <source>This method needs no code to be sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/TwoFactorDialog.ui" line="14"/>
        <location filename="../../ui/TwoFactorDialog.ui" line="64"/>
        <source>Two-factor verification</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/TwoFactorDialog.ui" line="71"/>
        <source>Your account asks for a security code in addition to the password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/TwoFactorDialog.ui" line="99"/>
        <source>&amp;Method:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/TwoFactorDialog.ui" line="109"/>
        <source>Verification method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/TwoFactorDialog.ui" line="116"/>
        <source>Security &amp;code:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/TwoFactorDialog.ui" line="131"/>
        <source>Security code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/TwoFactorDialog.ui" line="141"/>
        <source>Send code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/TwoFactorDialog.ui" line="144"/>
        <source>&amp;Send code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/TwoFactorDialog.ui" line="153"/>
        <location filename="../../ui/TwoFactorDialog.ui" line="159"/>
        <source>The server skips the security code on later sign-ins from this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/TwoFactorDialog.ui" line="156"/>
        <source>Remember this device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/TwoFactorDialog.ui" line="162"/>
        <source>&amp;Remember this device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/TwoFactorDialog.ui" line="201"/>
        <source>Verification progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/TwoFactorDialog.ui" line="214"/>
        <source>Verifying…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../../app/signin/main.cpp" line="38"/>
        <source>Signs in to the DenvrCloud API at &lt;url&gt; instead of the default server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/signin/main.cpp" line="39"/>
        <source>url</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/signin/main.cpp" line="42"/>
        <source>Prints the running instance&apos;s session as one JSON object and exits: 0 when signed in, 1 when not signed in, 2 when no instance runs, 3 when it did not answer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/signin/main.cpp" line="47"/>
        <source>Starts with only the tray icon and no window. Without a system tray the window opens minimized instead. The &quot;Start minimized&quot; setting does the same.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/signin/main.cpp" line="52"/>
        <source>Also trusts the CA certificates in the PEM file &lt;file&gt;, such as a company CA. The DENVR_CA_FILE environment variable does the same.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/signin/main.cpp" line="55"/>
        <source>file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/signin/main.cpp" line="123"/>
        <source>Signs in to DenvrCloud and keeps the session alive from the system tray.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/signin/main.cpp" line="145"/>
        <source>invalid --server value: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/signin/main.cpp" line="167"/>
        <source>Denvr Sign-In is already running but did not respond: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/signin/main.cpp" line="175"/>
        <source>Denvr Sign-In</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
