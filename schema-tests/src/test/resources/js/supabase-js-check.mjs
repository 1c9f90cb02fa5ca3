// Runs the official supabase-js against LocalSupabase and prints what it saw as one JSON line.
import { createClient } from '@supabase/supabase-js';

const url = process.env.SUPABASE_URL;
const key = process.env.SUPABASE_ANON_KEY;
const email = process.env.CHECK_EMAIL;
const out = {};
// Realtime is not used; Node 20 has no native WebSocket, so supabase-js gets an inert transport.
class InertSocket { constructor() {} close() {} }
const options = { auth: { persistSession: false, autoRefreshToken: false }, realtime: { transport: InertSocket } };
const supabase = createClient(url, key, options);

const signUp = await supabase.auth.signUp({ email, password: 'supabase-js-pass' });
out.signUpError = signUp.error?.message ?? null;
out.signUpSession = !!signUp.data?.session;
await supabase.auth.signOut();

const signIn = await supabase.auth.signInWithPassword({ email, password: 'supabase-js-pass' });
out.signInError = signIn.error?.message ?? null;
const wrong = await createClient(url, key, options)
  .auth.signInWithPassword({ email, password: 'not-the-password' });
out.wrongPasswordCode = wrong.error?.code ?? null;

const user = await supabase.auth.getUser();
out.userEmail = user.data?.user?.email ?? null;
out.userError = user.error?.message ?? null;

const pkgs = await supabase.from('esim_packages').select('package_code').order('package_code').limit(2);
out.packages = pkgs.data?.map(p => p.package_code) ?? null;
out.packagesError = pkgs.error?.message ?? null;

const before = signIn.data?.session?.refresh_token;
const refreshed = await supabase.auth.refreshSession();
out.refreshError = refreshed.error?.message ?? null;
out.refreshRotated = !!refreshed.data?.session && refreshed.data.session.refresh_token !== before;

const signOut = await supabase.auth.signOut();
out.signOutError = signOut.error?.message ?? null;
console.log(JSON.stringify(out));
