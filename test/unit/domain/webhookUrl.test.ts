import {
  embeddedIPv4Addresses,
  isNonPublicAddress,
  validateWebhookUrl,
} from '../../../shared/domain/webhookUrl';

describe('validateWebhookUrl', () => {
  const production = { allowHttpLoopback: false };
  const local = { allowHttpLoopback: true };

  test.each([
    ['https://hooks.contoso.example/reseller', production],
    ['https://hooks.contoso.example:8443/reseller?tenant=1', production],
    ['https://8.8.8.8/hook', production],
    ['https://[2606:4700:4700::1111]/hook', production],
    ['https://hooks.contoso.example./trailing-dot', production],
    ['http://127.0.0.1:7080/hook', local],
    ['https://127.0.0.1/hook', local],
    ['http://localhost:3000/hook', local],
    ['http://[::1]:3000/hook', local],
    ['https://hooks.contoso.example/reseller', local],
  ])('%s is allowed (%p)', (url, options) => {
    expect(validateWebhookUrl(url, options)).toBeUndefined();
  });

  test.each([
    ['http://hooks.contoso.example/reseller', production, /https/],
    ['http://hooks.contoso.example/reseller', local, /https/],
    ['ftp://hooks.contoso.example/', production, /https/],
    ['hooks.contoso.example/reseller', production, /absolute/],
    ['', production, /absolute/],
    ['https://user:pass@hooks.contoso.example/', production, /credentials/],
    ['https://token@hooks.contoso.example/', local, /credentials/],
    ['https://hooks.contoso.example/#frag', production, /fragment/],
    ['http://127.0.0.1:7080/hook', production, /https/],
    ['https://127.0.0.1/hook', production, /private|loopback/],
    ['https://127.1/short-form', production, /private|loopback/],
    ['https://2130706433/decimal-form', production, /private|loopback/],
    ['https://0x7f.0.0.1/hex-form', production, /private|loopback/],
    ['https://localhost/hook', production, /public host/],
    ['https://LOCALHOST./hook', production, /public host/],
    ['https://[::1]/hook', production, /private|loopback/],
    ['https://10.1.2.3/hook', production, /private/],
    ['https://172.16.0.1/hook', production, /private/],
    ['https://172.31.255.255/hook', production, /private/],
    ['https://192.168.1.10/hook', production, /private/],
    ['https://169.254.169.254/metadata/instance', production, /link-local/],
    ['https://168.63.129.16/', production, /reserved/],
    ['https://100.64.0.1/', production, /reserved/],
    ['https://0.0.0.0/', production, /reserved/],
    ['https://[fe80::1]/', production, /link-local/],
    ['https://[fd12:3456::1]/', production, /private/],
    ['https://[::ffff:10.0.0.1]/', production, /private/],
    ['https://[::ffff:127.0.0.1]/', local, /private|loopback/],
    ['https://[::ffff:a9fe:a9fe]/', production, /link-local/],
    ['https://[64:ff9b::a9fe:a9fe]/', production, /link-local/],
    ['https://[64:ff9b::169.254.169.254]/', production, /link-local/],
    ['https://[2002:a9fe:a9fe::]/', production, /link-local/],
    ['https://[::a9fe:a9fe]/', production, /link-local/],
    ['https://[::ffff:0:a9fe:a9fe]/', production, /link-local/],
    ['https://[2001:0:a9fe:a9fe::1]/', production, /link-local/],
    ['https://[2001:0:4136:e378:8000:63bf:5601:5601]/', production, /link-local/],
    ['https://[64:ff9b::a00:1]/', production, /private/],
    ['http://10.0.0.1/', local, /https/],
    ['https://10.0.0.1/', local, /private/],
    ['https://intranet/hook', production, /public host/],
    ['https://printer.local/', production, /internal/],
    ['https://metadata.google.internal/', production, /internal/],
    ['https://router.home.arpa/', production, /internal/],
    ['https://app.localhost/', production, /internal/],
    [`https://hooks.contoso.example/${'a'.repeat(2048)}`, production, /at most/],
  ])('%s is refused (%p)', (url, options, why) => {
    expect(validateWebhookUrl(url, options)).toMatch(why);
  });
});

describe('isNonPublicAddress', () => {
  test.each([
    ['127.0.0.1', true],
    ['10.255.255.255', true],
    ['172.15.255.255', false],
    ['172.32.0.0', false],
    ['192.169.0.1', false],
    ['169.254.169.254', true],
    ['168.63.129.16', true],
    ['224.0.0.1', true],
    ['255.255.255.255', true],
    ['20.50.1.1', false],
    ['::1', true],
    ['::', true],
    ['fc00::1', true],
    ['fe80::abcd', true],
    ['ff02::1', true],
    ['::ffff:192.168.0.1', true],
    ['::ffff:20.50.1.1', false],
    ['2001:db8::1', true],
    ['2620:1ec:c11::200', false],
    ['64:ff9b::a9fe:a9fe', true],
    ['64:ff9b::808:808', false],
    ['2002:a9fe:a9fe::', true],
    ['2002:1432:101::1', false],
    ['::a9fe:a9fe', true],
    ['::ffff:0:a9fe:a9fe', true],
    ['2001:0:4136:e378:8000:63bf:5601:5601', true],
    ['2001:0:4136:e378:8000:63bf:ebcd:cefe', false],
    ['not-an-ip', false],
  ])('%s → %p', (address, expected) => {
    expect(isNonPublicAddress(address)).toBe(expected);
  });
});

describe('embeddedIPv4Addresses', () => {
  test.each([
    ['::ffff:169.254.169.254', ['169.254.169.254']],
    ['::ffff:0:a9fe:a9fe', ['169.254.169.254']],
    ['64:ff9b::a9fe:a9fe', ['169.254.169.254']],
    ['::a9fe:a9fe', ['169.254.169.254']],
    ['2002:a9fe:a9fe:1::1', ['169.254.169.254']],
    // Teredo: the server's address, then the client's with every bit inverted.
    ['2001:0:4136:e378:8000:63bf:3fff:fdd2', ['65.54.227.120', '192.0.2.45']],
    ['2620:1ec:c11::200', []],
    ['fe80::1', []],
  ])('%s carries %p', (address, expected) => {
    expect(embeddedIPv4Addresses(address)).toEqual(expected);
  });
});
