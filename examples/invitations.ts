// Invite someone with each of the three generated clients, as an application would.
import Clerk, { UnprocessableEntityError } from '@sdkgen/clerk';
import Fastly from '@sdkgen/fastly';
import Syncano, { NotFoundError } from '@sdkgen/syncano';

export async function inviteEverywhere(email: string): Promise<void> {
  const clerk = new Clerk(); // CLERK_SECRET_KEY
  try {
    const invitation = await clerk.invitations.create({ email_address: email, expires_in_days: 7 });
    console.log('clerk', invitation.id, invitation.status);
  } catch (err) {
    if (err instanceof UnprocessableEntityError) console.log('clerk refused:', err.message);
    else throw err;
  }
  for await (const pending of clerk.invitations.list({ status: 'pending', limit: 100 })) {
    if (pending.email_address === email) await clerk.invitations.revoke(pending.id);
  }

  const fastly = new Fastly(); // FASTLY_API_TOKEN
  const created = await fastly.invitations.create({
    data: {
      type: 'invitation',
      attributes: { email, role: 'engineer', limit_services: true },
      relationships: { service_invitations: { data: [{ data: { type: 'service_invitation', attributes: { permission: 'purge_select' }, relationships: { service: { type: 'service' } } } }] } },
    },
  });
  const page = await fastly.invitations.list({ page_size: 50 }).firstPage();
  console.log('fastly', created.data?.id, page.items.length, page.hasNextPage());
  if (created.data?.id) await fastly.invitations.delete(created.data.id);

  const syncano = new Syncano({ instanceName: 'my-instance' }); // SYNCANO_API_KEY
  const invitation = await syncano.invitations.create({ email, role: 'write' });
  await syncano.invitations.resend(invitation.id);
  const { data, response } = await syncano.invitations.get(invitation.id).withResponse();
  console.log('syncano', data.state, response.headers.get('x-request-id'));
  await syncano.invitations.remove(invitation.id).catch((err: unknown) => {
    if (!(err instanceof NotFoundError)) throw err;
  });
}
