// The same calls as standalone functions: a bundler keeps only the operations imported here.
import { ClerkCore, invitationsCreate, invitationsList } from '@sdkgen/clerk';

export async function inviteOnce(email: string): Promise<number> {
  const clerk = new ClerkCore(); // CLERK_SECRET_KEY
  await invitationsCreate(clerk, { email_address: email });
  let pending = 0;
  for await (const invitation of invitationsList(clerk, { status: 'pending' })) {
    if (invitation.email_address === email) pending++;
  }
  return pending;
}
