// The announcement page: shows the outcome of the last post, which the server reports in
// the address it redirects to (/announcement?sent or /announcement?rejected).
const outcome = new URLSearchParams(location.search);
for (const id of ['sent', 'rejected']) {
  document.getElementById(id).hidden = !outcome.has(id);
}
