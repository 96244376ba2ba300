// A Node.js suite's view of a fake server: seed it through the admin API, create an ENI
// through the Node Tea SDK (@alicloud/ecs20140526), describe it back (the response and
// GET /_fake/enis), and provoke a documented error. Prints one JSON line.
// Usage: node create_eni.js <endpoint host:port> [accessKeyId accessKeySecret]
'use strict';

const Ecs = require('@alicloud/ecs20140526');
const { $OpenApiUtil } = require('@alicloud/openapi-core');

async function admin(url, method, path, body) {
  const response = await fetch(`${url}/_fake/${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} /_fake/${path}: ${await response.text()}`);
  return response.json();
}

async function main() {
  const [endpoint, accessKeyId = 'ak', accessKeySecret = 'sk'] = process.argv.slice(2);
  const url = `http://${endpoint}`;
  const seeded = await admin(url, 'POST', 'state', {
    vpcs: [{
      name: 'node-vpc',
      cidr_block: '10.0.0.0/8',
      vswitches: [{ name: 'node-vsw', cidr_block: '10.8.0.0/24', zone_id: 'cn-hangzhou-i' }],
      security_groups: [{ name: 'node-sg' }],
    }],
  });
  const client = new Ecs.default(new $OpenApiUtil.Config({
    accessKeyId,
    accessKeySecret,
    regionId: 'cn-hangzhou',
    endpoint, // "127.0.0.1:PORT"
    protocol: 'http',
  }));
  const created = await client.createNetworkInterface(new Ecs.CreateNetworkInterfaceRequest({
    regionId: 'cn-hangzhou',
    vSwitchId: seeded.names['node-vsw'],
    securityGroupId: seeded.names['node-sg'],
    networkInterfaceName: 'from-node',
    secondaryPrivateIpAddressCount: 2,
    tag: [new Ecs.CreateNetworkInterfaceRequestTag({ key: 'lang', value: 'js' })],
  }));
  let error = null;
  try {
    await client.createNetworkInterface(new Ecs.CreateNetworkInterfaceRequest({
      regionId: 'cn-hangzhou',
      vSwitchId: 'vsw-missing',
      securityGroupId: seeded.names['node-sg'],
    }));
  } catch (err) {
    error = { code: err.code, statusCode: err.statusCode, requestId: err.requestId };
  }
  console.log(JSON.stringify({
    names: seeded.names,
    statusCode: created.statusCode,
    body: created.body.toMap(),
    described: await admin(url, 'GET', 'enis'),
    error,
  }));
}

main().catch((err) => {
  console.error(err && err.stack ? err.stack : String(err));
  process.exit(1);
});
