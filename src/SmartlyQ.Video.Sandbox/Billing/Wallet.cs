namespace SmartlyQ.Video.Sandbox.Billing
{
    /// <summary>One key's SQC wallet. All changes go through the lock so debit checks are atomic.</summary>
    internal sealed class Wallet
    {
        private readonly object _gate = new object();
        private decimal _balance;

        public Wallet(decimal balance) => _balance = balance;

        public decimal Balance { get { lock (_gate) return _balance; } }

        /// <summary>Takes <paramref name="amount"/> if the balance covers it; reports the balance either way.</summary>
        public bool TryDebit(decimal amount, out decimal balanceAfter)
        {
            lock (_gate)
            {
                if (amount > _balance)
                {
                    balanceAfter = _balance;
                    return false;
                }
                _balance -= amount;
                balanceAfter = _balance;
                return true;
            }
        }

        public void Credit(decimal amount)
        {
            lock (_gate) _balance += amount;
        }
    }
}
