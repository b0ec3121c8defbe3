export function NewDealPage() {
  return <h1>New deal</h1>;
}
