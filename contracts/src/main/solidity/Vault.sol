// SPDX-License-Identifier: MIT
pragma solidity 0.8.24;

import {IERC20} from "./IERC20.sol";
import {ConstantProductPool} from "./ConstantProductPool.sol";
import {AggregatorV3Interface} from "./AggregatorV3Interface.sol";
import {PutSeller} from "./PutSeller.sol";

/// @title Vault whose assets sit in strategy sleeves and move only on allocations signed by the risk service.
/// @notice Sleeve 0 holds the stablecoin (the unit of account); every other sleeve holds one token traded through its
///         constant-product pool against the stablecoin and priced by its AggregatorV3 feed, never by the pool: a pool
///         can be moved inside one transaction, a feed cannot. Authority is split: the risk signer's EIP-712 signature
///         says what to hold, a keeper may submit it, the guardian may pause, the owner configures (two-step transfer,
///         risk-signer change behind a timelock). docs/security.md is the threat model.
contract Vault {
    struct Allocation {
        address vault;
        uint256 nonce;
        uint256 validUntil;
        uint256[] weightsBps;
        // what the signer saw, USD per whole token times 1e18, one per sleeve (sleeve 0: 1e18); empty: none given
        uint256[] referencePricesX18;
        // SHA-256 of the risk receipt's inputs (book, market data, surface, seed, model and code version), so a chain
        // observer can fetch and replay the receipt of every rebalance; bytes32(0): none (e.g. weights given by hand)
        bytes32 inputsHash;
    }

    /// @notice Risk limits fixed at deployment (bps are of the vault's value at feed prices).
    struct Limits {
        uint256 maxTurnoverBps; // one-way turnover of one rebalance
        uint256 maxSlippageBps; // a swap's output may fall this far below its value at the feed price
        uint256 maxPoolDeviationBps; // refuse while a pool's spot price is further than this from its feed
        uint256 maxLossBps; // value at feed prices may fall at most this much over one rebalance
        uint256 slippageBudgetBps; // sum of rebalance losses allowed per budget window
        uint256 turnoverBudgetBps; // sum of turnover allowed per budget window
        uint256 budgetWindow; // seconds
        uint256 minRebalanceInterval; // seconds between two rebalances
        uint256 riskSignerDelay; // seconds between proposing and applying a new risk signer
        uint256 maxReferenceDeviationBps; // refuse an allocation whose reference prices are further than this from the feeds
    }

    struct Sleeve {
        string name;
        address token;
        address pool;
        address feed;
        uint256 heartbeat;
        uint256 capBps;
        // feed answer * scaleNum / scaleDen = stablecoin units per token unit, times 1e18
        uint256 scaleNum;
        uint256 scaleDen;
        // feed answer * refScale = USD per whole token, times 1e18 (the unit of the signed reference prices)
        uint256 refScale;
    }

    uint256 public constant BPS = 10_000;
    uint256 private constant ONE = 1e18;
    uint256 private constant MASK64 = (1 << 64) - 1;
    bytes32 public constant ALLOCATION_TYPEHASH = keccak256(
        "Allocation(address vault,uint256 nonce,uint256 validUntil,uint256[] weightsBps,uint256[] referencePricesX18,"
        "bytes32 inputsHash)"
    );
    bytes32 private constant DOMAIN_TYPEHASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
    bytes32 private constant NAME_HASH = keccak256("Vaultrisk");
    // version 2 added referencePricesX18, version 3 inputsHash: a signature of one version never verifies on another
    bytes32 private constant VERSION_HASH = keccak256("3");
    // secp256k1n / 2: a signature with a higher s has a twin (n - s, flipped v) that recovers the same signer.
    uint256 private constant HALF_CURVE_ORDER = 0x7FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF5D576E7357A4501DDFE92F46681B20A0;

    uint256 public immutable maxTurnoverBps;
    uint256 public immutable maxSlippageBps;
    uint256 public immutable maxPoolDeviationBps;
    uint256 public immutable maxLossBps;
    uint256 public immutable slippageBudgetBps;
    uint256 public immutable turnoverBudgetBps;
    uint256 public immutable budgetWindow;
    uint256 public immutable minRebalanceInterval;
    uint256 public immutable riskSignerDelay;
    uint256 public immutable maxReferenceDeviationBps;
    /// @notice Size of the budget ring: rebalances at least max(minRebalanceInterval, 1) s apart (same-second ones
    ///         share an entry), so at most ceil(budgetWindow / that) of them fall in any window.
    uint256 public immutable budgetSlots;

    address public owner;
    address public pendingOwner;
    address public guardian;
    address public riskSigner;
    address public pendingRiskSigner;
    uint256 public riskSignerEta;
    bool public paused;
    mapping(address => bool) public isKeeper;
    mapping(address => bool) public isAllowedToken;

    /// @notice Nonce of the last applied (or invalidated) allocation; the next one must be strictly greater.
    uint256 public nonce;
    uint256 public lastRebalanceAt;
    // the rolling budgets in one slot, read and written once per rebalance: ring head (oldest entry still counted),
    // ring tail (next entry), and the turnover and loss of the entries from head to tail, 64 bits each
    uint256 private budgetState;
    // seq % budgetSlots -> timestamp << 128 | turnoverBps << 64 | lossBps; slots are reused, never cleared
    mapping(uint256 => uint256) private budgetEntries;

    uint256 public totalShares;
    mapping(address => uint256) public sharesOf;

    Sleeve[] private sleeves;
    uint256 private immutable cachedChainId;
    bytes32 private immutable cachedDomainSeparator;
    uint256 private locked = 1;

    event Rebalanced(
        uint256 indexed nonce,
        address indexed signer,
        uint256[] weightsBps,
        uint256 turnoverBps,
        uint256 totalValue,
        uint256 valueAfter,
        bytes32 indexed inputsHash
    );
    event SleeveTraded(uint256 indexed sleeve, bool sold, uint256 amountIn, uint256 amountOut, uint256 minAmountOut);
    event RiskSignerProposed(address indexed current, address indexed proposed, uint256 eta);
    event RiskSignerChanged(address indexed previous, address indexed current);
    event NoncesInvalidated(uint256 below, address indexed by);
    event OwnershipTransferStarted(address indexed previous, address indexed pending);
    event OwnershipTransferred(address indexed previous, address indexed current);
    event GuardianChanged(address indexed previous, address indexed current);
    event KeeperSet(address indexed keeper, bool allowed);
    event Paused(address indexed by);
    event Unpaused(address indexed by);
    event Deposited(address indexed account, uint256 assets, uint256 shares);
    event Withdrawn(address indexed account, uint256 shares);

    error NotOwner(address caller);
    error NotPendingOwner(address caller);
    error NotGuardian(address caller);
    error NotKeeper(address caller);
    error NotOwnerOrSigner(address caller);
    error VaultPaused();
    error ZeroAddress();
    error InvalidConfig(string field);
    error Reentrancy();
    error InvalidSignatureLength(uint256 length);
    error InvalidSignatureV(uint8 v);
    error MalleableSignature(bytes32 s);
    error InvalidSignature();
    error UnauthorizedSigner(address recovered, address expected);
    error WrongVault(address vault);
    error NonceNotIncreasing(uint256 nonce, uint256 lastNonce);
    error AllocationExpired(uint256 validUntil, uint256 blockTimestamp);
    error RebalanceTooSoon(uint256 earliest, uint256 blockTimestamp);
    error WrongSleeveCount(uint256 given, uint256 expected);
    error WrongReferencePriceCount(uint256 given, uint256 expected);
    error ReferencePriceDeviates(uint256 sleeve, uint256 referencePriceX18, uint256 feedPriceX18);
    error WeightsSumInvalid(uint256 sumBps);
    error WeightAboveCap(uint256 sleeve, uint256 weightBps, uint256 capBps);
    error EmptyVault();
    error TurnoverTooHigh(uint256 turnoverBps, uint256 maxTurnoverBps);
    error TurnoverBudgetExceeded(uint256 windowTurnoverBps, uint256 turnoverBudgetBps);
    error StaleFeed(uint256 sleeve, uint256 updatedAt, uint256 heartbeat);
    error BadFeedAnswer(uint256 sleeve, int256 answer);
    error PoolDeviates(uint256 sleeve, uint256 poolPriceX18, uint256 feedPriceX18);
    error SlippageExceeded(uint256 sleeve, uint256 quotedOut, uint256 minAmountOut);
    error MaxLossExceeded(uint256 lossBps, uint256 maxLossBps);
    error SlippageBudgetExceeded(uint256 windowLossBps, uint256 slippageBudgetBps);
    error NoPendingSigner();
    error TimelockNotElapsed(uint256 eta, uint256 blockTimestamp);
    error SharesAlreadyMinted();
    error InsufficientShares(uint256 shares, uint256 held);
    error ZeroAmount();
    error TransferFailed(address token);

    modifier nonReentrant() {
        if (locked != 1) revert Reentrancy();
        locked = 2;
        _;
        locked = 1;
    }

    /// @dev Views revert mid-rebalance instead of reporting a half-traded vault to a contract called by a swap.
    modifier notEntered() {
        if (locked != 1) revert Reentrancy();
        _;
    }

    modifier onlyOwner() {
        if (msg.sender != owner) revert NotOwner(msg.sender);
        _;
    }

    modifier whenNotPaused() {
        if (paused) revert VaultPaused();
        _;
    }

    /// @param names sleeve names, in the order of the weights the service signs
    /// @param tokens sleeve tokens, the vault's whole token allowlist; tokens[0] is the stablecoin
    /// @param pools pools[i] trades tokens[i] against tokens[0]; pools[0] must be the zero address
    /// @param feeds feeds[i] prices tokens[i] in USD (AggregatorV3); feeds[0] must be the zero address (1 unit = 1 unit)
    /// @param heartbeats heartbeats[i]: a feed answer older than this many seconds is stale
    /// @param capsBps per-sleeve maximum weight
    constructor(
        string[] memory names,
        address[] memory tokens,
        address[] memory pools,
        address[] memory feeds,
        uint256[] memory heartbeats,
        uint256[] memory capsBps,
        Limits memory limits,
        address riskSigner_
    ) {
        uint256 n = tokens.length;
        if (n < 2) revert InvalidConfig("tokens");
        if (names.length != n) revert InvalidConfig("names");
        if (pools.length != n || pools[0] != address(0)) revert InvalidConfig("pools");
        if (feeds.length != n || feeds[0] != address(0)) revert InvalidConfig("feeds");
        if (heartbeats.length != n) revert InvalidConfig("heartbeats");
        if (capsBps.length != n) revert InvalidConfig("capsBps");
        _checkLimits(limits);
        if (riskSigner_ == address(0)) revert ZeroAddress();
        uint256 stableDecimals = IERC20(tokens[0]).decimals();
        uint256 capSum;
        for (uint256 i; i < n; ++i) {
            if (tokens[i] == address(0)) revert ZeroAddress();
            if (isAllowedToken[tokens[i]]) revert InvalidConfig("tokens");
            if (capsBps[i] > BPS) revert InvalidConfig("capsBps");
            isAllowedToken[tokens[i]] = true;
            Sleeve memory s = Sleeve(names[i], tokens[i], pools[i], feeds[i], heartbeats[i], capsBps[i], ONE, 1, 1);
            if (i > 0) {
                ConstantProductPool pool = ConstantProductPool(pools[i]);
                bool pairs = (pool.tokenA() == tokens[i] && pool.tokenB() == tokens[0])
                    || (pool.tokenA() == tokens[0] && pool.tokenB() == tokens[i]);
                if (!pairs) revert InvalidConfig("pools");
                if (feeds[i] == address(0)) revert InvalidConfig("feeds");
                if (heartbeats[i] == 0) revert InvalidConfig("heartbeats");
                s.scaleNum = 10 ** (stableDecimals + 18);
                uint256 feedDecimals = AggregatorV3Interface(feeds[i]).decimals();
                if (feedDecimals > 18) revert InvalidConfig("feeds");
                s.scaleDen = 10 ** (feedDecimals + IERC20(tokens[i]).decimals());
                s.refScale = 10 ** (18 - feedDecimals);
            }
            capSum += capsBps[i];
            sleeves.push(s);
        }
        // caps that cannot reach 100% would make every allocation unacceptable
        if (capSum < BPS) revert InvalidConfig("capsBps");
        maxTurnoverBps = limits.maxTurnoverBps;
        maxSlippageBps = limits.maxSlippageBps;
        maxPoolDeviationBps = limits.maxPoolDeviationBps;
        maxLossBps = limits.maxLossBps;
        slippageBudgetBps = limits.slippageBudgetBps;
        turnoverBudgetBps = limits.turnoverBudgetBps;
        budgetWindow = limits.budgetWindow;
        minRebalanceInterval = limits.minRebalanceInterval;
        riskSignerDelay = limits.riskSignerDelay;
        maxReferenceDeviationBps = limits.maxReferenceDeviationBps;
        uint256 step = limits.minRebalanceInterval == 0 ? 1 : limits.minRebalanceInterval;
        budgetSlots = (limits.budgetWindow + step - 1) / step;
        owner = msg.sender;
        guardian = msg.sender;
        riskSigner = riskSigner_;
        cachedChainId = block.chainid;
        cachedDomainSeparator = _buildDomainSeparator();
        emit OwnershipTransferred(address(0), msg.sender);
        emit GuardianChanged(address(0), msg.sender);
        emit RiskSignerChanged(address(0), riskSigner_);
    }

    // ---------------------------------------------------------------- administration

    /// @notice First step of an ownership transfer; the new owner must accept, so a typo cannot lose the vault.
    function transferOwnership(address newOwner) external onlyOwner {
        if (newOwner == address(0)) revert ZeroAddress();
        pendingOwner = newOwner;
        emit OwnershipTransferStarted(owner, newOwner);
    }

    function acceptOwnership() external {
        if (msg.sender != pendingOwner) revert NotPendingOwner(msg.sender);
        emit OwnershipTransferred(owner, msg.sender);
        owner = msg.sender;
        pendingOwner = address(0);
    }

    function setGuardian(address guardian_) external onlyOwner {
        if (guardian_ == address(0)) revert ZeroAddress();
        emit GuardianChanged(guardian, guardian_);
        guardian = guardian_;
    }

    function setKeeper(address keeper, bool allowed) external onlyOwner {
        if (keeper == address(0)) revert ZeroAddress();
        isKeeper[keeper] = allowed;
        emit KeeperSet(keeper, allowed);
    }

    function pause() external {
        if (msg.sender != guardian) revert NotGuardian(msg.sender);
        paused = true;
        emit Paused(msg.sender);
    }

    function unpause() external {
        if (msg.sender != guardian) revert NotGuardian(msg.sender);
        paused = false;
        emit Unpaused(msg.sender);
    }

    /// @notice Starts the timelock for a new risk signer; until it is applied the current signer stays in force and
    ///         watchers have riskSignerDelay seconds to see the proposal (event) and react (pause, withdraw).
    function proposeRiskSigner(address signer) external onlyOwner {
        if (signer == address(0)) revert ZeroAddress();
        pendingRiskSigner = signer;
        riskSignerEta = block.timestamp + riskSignerDelay;
        emit RiskSignerProposed(riskSigner, signer, riskSignerEta);
    }

    function applyRiskSigner() external onlyOwner {
        address next = pendingRiskSigner;
        if (next == address(0)) revert NoPendingSigner();
        if (block.timestamp < riskSignerEta) revert TimelockNotElapsed(riskSignerEta, block.timestamp);
        emit RiskSignerChanged(riskSigner, next);
        riskSigner = next;
        pendingRiskSigner = address(0);
        riskSignerEta = 0;
    }

    function cancelRiskSigner() external onlyOwner {
        pendingRiskSigner = address(0);
        riskSignerEta = 0;
    }

    /// @notice Retracts every signed allocation with a nonce below `below`: the next one applied must be >= below.
    function invalidateNoncesBelow(uint256 below) external {
        if (msg.sender != owner && msg.sender != riskSigner) revert NotOwnerOrSigner(msg.sender);
        if (below == 0 || below - 1 <= nonce) revert NonceNotIncreasing(below == 0 ? 0 : below - 1, nonce);
        nonce = below - 1;
        emit NoncesInvalidated(below, msg.sender);
    }

    // ---------------------------------------------------------------- shares

    /// @notice Mints the first shares, one per stablecoin unit of value at feed prices, for assets placed in the vault
    ///         at deployment.
    function mintInitialShares(address to) external onlyOwner nonReentrant {
        if (totalShares != 0) revert SharesAlreadyMinted();
        if (to == address(0)) revert ZeroAddress();
        (, uint256 total) = _values(_feedPrices());
        if (total == 0) revert EmptyVault();
        _mint(to, total, total);
    }

    /// @notice Deposits stablecoin for shares priced at feed prices (fresh feeds required).
    function deposit(uint256 assets) external nonReentrant whenNotPaused returns (uint256 shares) {
        if (assets == 0) revert ZeroAmount();
        uint256[] memory prices = _feedPrices();
        (, uint256 total) = _values(prices);
        // the puts belong to the holders already in: a deposit pays for its share of them
        total += _putsValue(prices);
        if (totalShares == 0) {
            shares = assets;
        } else {
            if (total == 0) revert EmptyVault();
            shares = (assets * totalShares) / total;
        }
        if (shares == 0) revert ZeroAmount();
        if (!IERC20(sleeves[0].token).transferFrom(msg.sender, address(this), assets)) {
            revert TransferFailed(sleeves[0].token);
        }
        _mint(msg.sender, shares, assets);
    }

    /// @notice Redeems shares for the same fraction of every sleeve's tokens, in kind: no swap and no price is
    ///         involved, so a withdrawal cannot be sandwiched or mispriced, and it works while the vault is paused.
    function withdraw(uint256 shares) external nonReentrant {
        uint256 held = sharesOf[msg.sender];
        if (shares == 0) revert ZeroAmount();
        if (shares > held) revert InsufficientShares(shares, held);
        uint256 supply = totalShares;
        sharesOf[msg.sender] = held - shares;
        totalShares = supply - shares;
        for (uint256 i; i < sleeves.length; ++i) {
            IERC20 token = IERC20(sleeves[i].token);
            uint256 amount = (token.balanceOf(address(this)) * shares) / supply;
            if (amount > 0 && !token.transfer(msg.sender, amount)) revert TransferFailed(address(token));
        }
        emit Withdrawn(msg.sender, shares);
    }

    // ---------------------------------------------------------------- views

    function sleeveCount() external view returns (uint256) {
        return sleeves.length;
    }

    function sleeve(uint256 i)
        external
        view
        returns (string memory name, address token, address pool, uint256 capBps)
    {
        Sleeve storage s = sleeves[i];
        return (s.name, s.token, s.pool, s.capBps);
    }

    function sleeveFeed(uint256 i) external view returns (address feed, uint256 heartbeat) {
        return (sleeves[i].feed, sleeves[i].heartbeat);
    }

    /// @notice Value of every sleeve in stablecoin units at the feeds' latest answers (fresh or not), and their total.
    function sleeveValues() public view notEntered returns (uint256[] memory values, uint256 total) {
        return _values(_latestPrices());
    }

    /// @notice Current weights in basis points at feed prices (rounded down, so they may sum to under 10,000).
    function currentWeightsBps() external view notEntered returns (uint256[] memory weights) {
        (uint256[] memory values, uint256 total) = _values(_latestPrices());
        weights = new uint256[](values.length);
        if (total == 0) return weights;
        for (uint256 i; i < values.length; ++i) {
            weights[i] = (values[i] * BPS) / total;
        }
    }

    /// @notice Sequence number of the oldest rebalance still inside the budget window (as of the last rebalance).
    function budgetHead() external view returns (uint256) {
        return budgetState & MASK64;
    }

    /// @notice Sequence number the next rebalance's budget entry gets.
    function budgetTail() external view returns (uint256) {
        return (budgetState >> 64) & MASK64;
    }

    /// @notice One-way turnover of the rebalances inside the rolling window, as of the last rebalance.
    function windowTurnoverBps() external view returns (uint256) {
        return (budgetState >> 128) & MASK64;
    }

    /// @notice Losses at feed prices of the rebalances inside the rolling window, as of the last rebalance.
    function windowLossBps() external view returns (uint256) {
        return budgetState >> 192;
    }

    function domainSeparator() public view returns (bytes32) {
        return block.chainid == cachedChainId ? cachedDomainSeparator : _buildDomainSeparator();
    }

    /// @notice The EIP-712 digest the risk signer signs for this allocation.
    function allocationDigest(Allocation calldata a) public view returns (bytes32) {
        bytes32 structHash = keccak256(
            abi.encode(
                ALLOCATION_TYPEHASH,
                a.vault,
                a.nonce,
                a.validUntil,
                keccak256(abi.encodePacked(a.weightsBps)),
                keccak256(abi.encodePacked(a.referencePricesX18)),
                a.inputsHash
            )
        );
        return keccak256(abi.encodePacked("\x19\x01", domainSeparator(), structHash));
    }

    // ---------------------------------------------------------------- rebalance

    function rebalance(Allocation calldata a, bytes calldata signature) external nonReentrant whenNotPaused {
        if (!isKeeper[msg.sender]) revert NotKeeper(msg.sender);
        address signer = _recover(allocationDigest(a), signature);
        if (signer != riskSigner) revert UnauthorizedSigner(signer, riskSigner);
        if (a.vault != address(this)) revert WrongVault(a.vault);
        if (a.nonce <= nonce) revert NonceNotIncreasing(a.nonce, nonce);
        if (block.timestamp > a.validUntil) revert AllocationExpired(a.validUntil, block.timestamp);
        if (lastRebalanceAt != 0 && block.timestamp < lastRebalanceAt + minRebalanceInterval) {
            revert RebalanceTooSoon(lastRebalanceAt + minRebalanceInterval, block.timestamp);
        }
        _checkWeights(a.weightsBps);

        uint256[] memory prices = _feedPrices();
        _checkReferencePrices(a.referencePricesX18);
        _checkPools(prices);
        (uint256[] memory values, uint256 total) = _values(prices);
        if (total == 0) revert EmptyVault();
        uint256[] memory targets = new uint256[](values.length);
        uint256 turnoverBps = _targets(a.weightsBps, values, total, targets);
        uint256 budget = _spendTurnover(turnoverBps);
        bool sameSecond = lastRebalanceAt == block.timestamp;

        // effects before any external call: the nonce is spent even if a later swap re-enters (the lock refuses it;
        // the budgets are written once at the end, and nothing can read them in between)
        nonce = a.nonce;
        lastRebalanceAt = block.timestamp;

        _trades(prices, values, targets);

        (, uint256 valueAfter) = _values(prices);
        budgetState = _spendLoss(budget, total, valueAfter, turnoverBps, sameSecond);
        emit Rebalanced(a.nonce, signer, a.weightsBps, turnoverBps, total, valueAfter, a.inputsHash);
    }

    // ---------------------------------------------------------------- internals

    function _checkLimits(Limits memory l) private pure {
        if (l.maxTurnoverBps == 0 || l.maxTurnoverBps > BPS) revert InvalidConfig("maxTurnoverBps");
        if (l.maxSlippageBps >= BPS) revert InvalidConfig("maxSlippageBps");
        if (l.maxPoolDeviationBps >= BPS) revert InvalidConfig("maxPoolDeviationBps");
        if (l.maxLossBps >= BPS) revert InvalidConfig("maxLossBps");
        // the window's sums are packed in 64 bits each and never exceed their budgets
        if (l.slippageBudgetBps < l.maxLossBps || l.slippageBudgetBps > MASK64) {
            revert InvalidConfig("slippageBudgetBps");
        }
        if (l.turnoverBudgetBps < l.maxTurnoverBps || l.turnoverBudgetBps > MASK64) {
            revert InvalidConfig("turnoverBudgetBps");
        }
        if (l.budgetWindow == 0) revert InvalidConfig("budgetWindow");
        if (l.maxReferenceDeviationBps > BPS) revert InvalidConfig("maxReferenceDeviationBps");
    }

    function _checkWeights(uint256[] calldata weights) private view {
        uint256 n = sleeves.length;
        if (weights.length != n) revert WrongSleeveCount(weights.length, n);
        uint256 sum;
        for (uint256 i; i < n; ++i) {
            sum += weights[i];
        }
        if (sum != BPS) revert WeightsSumInvalid(sum);
        for (uint256 i; i < n; ++i) {
            if (weights[i] > sleeves[i].capBps) revert WeightAboveCap(i, weights[i], sleeves[i].capBps);
        }
    }

    /// @dev Target values and the one-way turnover (every unit bought was sold elsewhere: half the absolute change).
    function _targets(uint256[] calldata weights, uint256[] memory values, uint256 total, uint256[] memory targets)
        private
        view
        returns (uint256 turnoverBps)
    {
        uint256 moved;
        for (uint256 i; i < values.length; ++i) {
            targets[i] = (total * weights[i]) / BPS;
            moved += targets[i] > values[i] ? targets[i] - values[i] : values[i] - targets[i];
        }
        turnoverBps = (moved * BPS) / (2 * total);
        if (turnoverBps > maxTurnoverBps) revert TurnoverTooHigh(turnoverBps, maxTurnoverBps);
    }

    /// @dev Budgets run over exact rolling windows: a rebalance counts while block.timestamp < its timestamp +
    ///      budgetWindow. Entries leave oldest first, each read once as it leaves, and the sums are kept running, so
    ///      a rebalance costs the state slot, one entry slot, and one read per entry that left since the last one.
    ///      Returns the budget state with the expired entries gone and this rebalance's turnover added (in memory).
    function _spendTurnover(uint256 turnoverBps) private view returns (uint256) {
        uint256 st = budgetState;
        uint256 head = st & MASK64;
        uint256 tail = (st >> 64) & MASK64;
        uint256 turnover = (st >> 128) & MASK64;
        uint256 loss = st >> 192;
        while (head < tail) {
            uint256 e = budgetEntries[head % budgetSlots];
            if ((e >> 128) + budgetWindow > block.timestamp) break;
            turnover -= (e >> 64) & MASK64;
            loss -= e & MASK64;
            ++head;
        }
        turnover += turnoverBps;
        if (turnover > turnoverBudgetBps) revert TurnoverBudgetExceeded(turnover, turnoverBudgetBps);
        return head | (tail << 64) | (turnover << 128) | (loss << 192);
    }

    /// @dev The loss at feed prices over the whole rebalance (fees, price impact, anything a sandwich extracts),
    ///      rounded up to a whole bp, bounded per rebalance and per window; then the rebalance enters the ring.
    function _spendLoss(uint256 st, uint256 before, uint256 afterValue, uint256 turnoverBps, bool sameSecond)
        private
        returns (uint256)
    {
        uint256 lossBps = afterValue >= before ? 0 : ((before - afterValue) * BPS + before - 1) / before;
        if (lossBps > maxLossBps) revert MaxLossExceeded(lossBps, maxLossBps);
        uint256 head = st & MASK64;
        uint256 tail = (st >> 64) & MASK64;
        uint256 loss = (st >> 192) + lossBps;
        if (loss > slippageBudgetBps) revert SlippageBudgetExceeded(loss, slippageBudgetBps);
        if (sameSecond && tail > head) {
            // with no minimum interval, rebalances in the same second share one entry: they leave together
            uint256 slot = (tail - 1) % budgetSlots;
            budgetEntries[slot] += (turnoverBps << 64) + lossBps;
        } else {
            // live entries lie in (now - budgetWindow, now], at least max(minRebalanceInterval, 1) s apart, so fewer
            // than budgetSlots precede this one and the slot reused here has left the window
            budgetEntries[tail % budgetSlots] = (block.timestamp << 128) | (turnoverBps << 64) | lossBps;
            ++tail;
        }
        return head | (tail << 64) | (st & (MASK64 << 128)) | (loss << 192);
    }

    function _trades(uint256[] memory prices, uint256[] memory values, uint256[] memory targets) private {
        uint256 n = values.length;
        // sell first so the stablecoin sleeve holds what the buys need
        for (uint256 i = 1; i < n; ++i) {
            if (values[i] > targets[i]) {
                uint256 balance = IERC20(sleeves[i].token).balanceOf(address(this));
                uint256 amountIn = (balance * (values[i] - targets[i])) / values[i];
                if (amountIn > 0) _trade(i, true, amountIn, prices[i]);
            }
        }
        for (uint256 i = 1; i < n; ++i) {
            if (targets[i] > values[i]) {
                uint256 cash = IERC20(sleeves[0].token).balanceOf(address(this));
                uint256 amountIn = targets[i] - values[i];
                // pool fees on the sells leave the cash sleeve a little short; never spend more than is there
                if (amountIn > cash) amountIn = cash;
                if (amountIn > 0) _trade(i, false, amountIn, prices[i]);
            }
        }
    }

    /// @dev Sells (sleeve token -> stablecoin) or buys (stablecoin -> sleeve token) through the sleeve's pool, with a
    ///      minimum out of the amount at the feed price less the slippage limit; fee and price impact both count.
    function _trade(uint256 i, bool sell, uint256 amountIn, uint256 priceX18) private {
        Sleeve storage s = sleeves[i];
        address tokenIn = sell ? s.token : sleeves[0].token;
        ConstantProductPool pool = ConstantProductPool(s.pool);
        uint256 feedOut = sell ? (amountIn * priceX18) / ONE : (amountIn * ONE) / priceX18;
        uint256 minOut = (feedOut * (BPS - maxSlippageBps)) / BPS;
        uint256 quoted = pool.getAmountOut(tokenIn, amountIn);
        if (quoted < minOut) revert SlippageExceeded(i, quoted, minOut);
        if (!IERC20(tokenIn).approve(address(pool), amountIn)) revert TransferFailed(tokenIn);
        uint256 out = pool.swap(tokenIn, amountIn, minOut, address(this));
        emit SleeveTraded(i, sell, amountIn, out, minOut);
    }

    /// @dev Fresh feed prices (stablecoin units per token unit, times 1e18); reverts on a stale or non-positive answer.
    function _feedPrices() private view returns (uint256[] memory prices) {
        uint256 n = sleeves.length;
        prices = new uint256[](n);
        prices[0] = ONE;
        for (uint256 i = 1; i < n; ++i) {
            Sleeve storage s = sleeves[i];
            (, int256 answer,, uint256 updatedAt,) = AggregatorV3Interface(s.feed).latestRoundData();
            if (answer <= 0) revert BadFeedAnswer(i, answer);
            if (updatedAt + s.heartbeat < block.timestamp) revert StaleFeed(i, updatedAt, s.heartbeat);
            prices[i] = (uint256(answer) * s.scaleNum) / s.scaleDen;
        }
    }

    /// @dev Latest feed prices without the freshness check, for the views (a non-positive answer values at zero).
    function _latestPrices() private view returns (uint256[] memory prices) {
        uint256 n = sleeves.length;
        prices = new uint256[](n);
        prices[0] = ONE;
        for (uint256 i = 1; i < n; ++i) {
            (, int256 answer,,,) = AggregatorV3Interface(sleeves[i].feed).latestRoundData();
            prices[i] = answer <= 0 ? 0 : (uint256(answer) * sleeves[i].scaleNum) / sleeves[i].scaleDen;
        }
    }

    /// @dev The signer's reference prices against the (already checked fresh) feeds: an allocation computed on a
    ///      market that has since moved more than the band, or on a wrong price, is not applied.
    function _checkReferencePrices(uint256[] calldata refs) private view {
        uint256 n = sleeves.length;
        if (refs.length == 0) return;
        if (refs.length != n) revert WrongReferencePriceCount(refs.length, n);
        for (uint256 i; i < n; ++i) {
            uint256 feedX18 = ONE;
            if (i > 0) {
                (, int256 answer,,,) = AggregatorV3Interface(sleeves[i].feed).latestRoundData();
                feedX18 = uint256(answer) * sleeves[i].refScale;
            }
            uint256 gap = refs[i] > feedX18 ? refs[i] - feedX18 : feedX18 - refs[i];
            if (gap * BPS > maxReferenceDeviationBps * feedX18) revert ReferencePriceDeviates(i, refs[i], feedX18);
        }
    }

    /// @dev A pool pushed away from its feed (by a sandwich's first leg, or a stale feed) makes every trade a loss.
    function _checkPools(uint256[] memory prices) private view {
        for (uint256 i = 1; i < prices.length; ++i) {
            (uint256 reserveToken, uint256 reserveStable) =
                ConstantProductPool(sleeves[i].pool).reservesFor(sleeves[i].token);
            uint256 poolPrice = reserveToken == 0 ? 0 : (reserveStable * ONE) / reserveToken;
            uint256 gap = poolPrice > prices[i] ? poolPrice - prices[i] : prices[i] - poolPrice;
            if (gap * BPS > maxPoolDeviationBps * prices[i]) revert PoolDeviates(i, poolPrice, prices[i]);
        }
    }

    function _values(uint256[] memory prices) private view returns (uint256[] memory values, uint256 total) {
        uint256 n = sleeves.length;
        values = new uint256[](n);
        for (uint256 i; i < n; ++i) {
            values[i] = (IERC20(sleeves[i].token).balanceOf(address(this)) * prices[i]) / ONE;
            total += values[i];
        }
    }

    function _mint(address to, uint256 shares, uint256 assets) private {
        sharesOf[to] += shares;
        totalShares += shares;
        emit Deposited(to, assets, shares);
    }

    function _recover(bytes32 digest, bytes calldata signature) private pure returns (address) {
        if (signature.length != 65) revert InvalidSignatureLength(signature.length);
        bytes32 r = bytes32(signature[0:32]);
        bytes32 s = bytes32(signature[32:64]);
        uint8 v = uint8(signature[64]);
        if (uint256(s) > HALF_CURVE_ORDER) revert MalleableSignature(s);
        if (v != 27 && v != 28) revert InvalidSignatureV(v);
        address recovered = ecrecover(digest, v, r, s);
        if (recovered == address(0)) revert InvalidSignature();
        return recovered;
    }

    function _buildDomainSeparator() private view returns (bytes32) {
        return keccak256(abi.encode(DOMAIN_TYPEHASH, NAME_HASH, VERSION_HASH, block.chainid, address(this)));
    }

    // ---------------------------------------------------------------- protection (issue 18): kept last so that
    // changes to the allocation path above merge without touching it

    /// @notice A protective-put purchase the risk signer authorises: the keeper may buy exactly the quote whose
    ///         venue digest is quoteHash, for at most maxPremium stablecoin units, once (nonce), until validUntil.
    struct Protection {
        address vault;
        address venue;
        bytes32 quoteHash;
        uint256 maxPremium;
        uint256 nonce;
        uint256 validUntil;
    }

    struct HeldPut {
        address venue;
        uint256 sleeve; // whose feed values it: kept per put, so a later change of venue or sleeve cannot misprice it
        uint256 id;
    }

    bytes32 public constant PROTECTION_TYPEHASH = keccak256(
        "Protection(address vault,address venue,bytes32 quoteHash,uint256 maxPremium,uint256 nonce,uint256 validUntil)"
    );
    /// @notice Open puts the vault values (bounds the gas of every valuation) and purchases per premium window.
    uint256 public constant MAX_OPEN_PUTS = 8;

    /// @notice The one options venue the keeper may buy from (the zero address: none), set by the owner.
    address public protectionVenue;
    /// @notice The sleeve whose token the venue's puts are written on (and whose feed values them).
    uint256 public protectionSleeve;
    uint256 public maxPremiumBps; // one purchase's premium, bps of the vault's value at feed prices
    uint256 public premiumBudgetBps; // sum of premiums per premium window
    uint256 public premiumWindow; // seconds
    /// @notice Nonce of the last protection order used; the next one must be strictly greater (own sequence, so
    ///         puts and allocations never retire each other's signatures).
    uint256 public protectionNonce;
    HeldPut[] private heldPuts;
    // ring of the last MAX_OPEN_PUTS purchases: timestamp << 128 | premiumBps
    uint256[MAX_OPEN_PUTS] private premiumEntries;
    uint256 private premiumSeq;

    event ProtectionVenueSet(
        address indexed venue, uint256 sleeve, uint256 maxPremiumBps, uint256 premiumBudgetBps, uint256 premiumWindow
    );
    event ProtectionBought(
        uint256 indexed nonce, address indexed venue, uint256 indexed id, uint256 premium, uint256 premiumBps
    );

    error NoProtectionVenue();
    error WrongVenue(address venue);
    error ProtectionNonceNotIncreasing(uint256 nonce, uint256 lastNonce);
    error ProtectionExpired(uint256 validUntil, uint256 blockTimestamp);
    error QuoteMismatch(bytes32 quoteHash, bytes32 signedQuoteHash);
    error PremiumAboveOrder(uint256 premium, uint256 maxPremium);
    error PremiumAboveLimit(uint256 premiumBps, uint256 maxPremiumBps);
    error PremiumBudgetExceeded(uint256 windowPremiumBps, uint256 premiumBudgetBps);
    error TooManyOpenPuts(uint256 open);
    error TooManyPurchases(uint256 inWindow);
    error PremiumMismatch(uint256 paid, uint256 premium);

    // ---------------------------------------------------------------- protection

    /// @notice Registers the options venue the keeper may buy puts from, with the premium limits (the zero address
    ///         disables buying; puts already held keep being valued at the venue they were bought from).
    /// @param sleeveIndex the sleeve whose token the venue writes puts on; the venue must settle in this vault's
    ///        stablecoin against that sleeve's own feed, so the vault values the puts with the price it trusts
    function setProtectionVenue(
        address venue,
        uint256 sleeveIndex,
        uint256 maxPremiumBps_,
        uint256 premiumBudgetBps_,
        uint256 premiumWindow_
    ) external onlyOwner {
        if (venue != address(0)) {
            if (sleeveIndex == 0 || sleeveIndex >= sleeves.length) revert InvalidConfig("sleeve");
            PutSeller v = PutSeller(venue);
            Sleeve storage s = sleeves[sleeveIndex];
            if (address(v.stablecoin()) != sleeves[0].token) revert InvalidConfig("venue.stablecoin");
            if (v.asset() != s.token) revert InvalidConfig("venue.asset");
            if (address(v.feed()) != s.feed) revert InvalidConfig("venue.feed");
        }
        if (maxPremiumBps_ > premiumBudgetBps_) revert InvalidConfig("maxPremiumBps");
        if (premiumBudgetBps_ > BPS) revert InvalidConfig("premiumBudgetBps");
        if (premiumWindow_ == 0) revert InvalidConfig("premiumWindow");
        protectionVenue = venue;
        protectionSleeve = sleeveIndex;
        maxPremiumBps = maxPremiumBps_;
        premiumBudgetBps = premiumBudgetBps_;
        premiumWindow = premiumWindow_;
        emit ProtectionVenueSet(venue, sleeveIndex, maxPremiumBps_, premiumBudgetBps_, premiumWindow_);
    }

    /// @notice The EIP-712 digest the risk signer signs for a protection order (the vault's own domain).
    function protectionDigest(Protection calldata o) public view returns (bytes32) {
        bytes32 structHash = keccak256(
            abi.encode(PROTECTION_TYPEHASH, o.vault, o.venue, o.quoteHash, o.maxPremium, o.nonce, o.validUntil)
        );
        return keccak256(abi.encodePacked("\x19\x01", domainSeparator(), structHash));
    }

    /// @notice Buys the quoted puts at the registered venue with stablecoin from sleeve 0. The keeper only carries
    ///         it: the risk signer's order names the exact quote and the most it may cost, and the premium is bounded
    ///         per purchase and per rolling window in bps of the vault's value at (fresh) feed prices, puts included.
    function buyProtection(
        Protection calldata o,
        bytes calldata orderSignature,
        PutSeller.Quote calldata q,
        bytes calldata quoteSignature
    ) external nonReentrant whenNotPaused returns (uint256 id) {
        if (!isKeeper[msg.sender]) revert NotKeeper(msg.sender);
        address venue = _checkProtection(o, orderSignature, q);
        uint256 premiumBps = _chargePremium(q.premium);
        protectionNonce = o.nonce;
        id = _buyAt(venue, q, quoteSignature);
        emit ProtectionBought(o.nonce, venue, id, q.premium, premiumBps);
    }

    /// @dev The order is the risk signer's, for this vault and venue, fresh, and names exactly this quote.
    function _checkProtection(Protection calldata o, bytes calldata orderSignature, PutSeller.Quote calldata q)
        private
        view
        returns (address venue)
    {
        venue = protectionVenue;
        if (venue == address(0)) revert NoProtectionVenue();
        if (o.venue != venue) revert WrongVenue(o.venue);
        address signer = _recover(protectionDigest(o), orderSignature);
        if (signer != riskSigner) revert UnauthorizedSigner(signer, riskSigner);
        if (o.vault != address(this)) revert WrongVault(o.vault);
        if (o.nonce <= protectionNonce) revert ProtectionNonceNotIncreasing(o.nonce, protectionNonce);
        if (block.timestamp > o.validUntil) revert ProtectionExpired(o.validUntil, block.timestamp);
        bytes32 quoteHash = PutSeller(venue).quoteDigest(q);
        if (quoteHash != o.quoteHash) revert QuoteMismatch(quoteHash, o.quoteHash);
        if (q.premium > o.maxPremium) revert PremiumAboveOrder(q.premium, o.maxPremium);
    }

    /// @dev The premium in bps of the vault's value at fresh feed prices (puts included), rounded up, against the
    ///      per-purchase limit and the rolling budget; records it.
    function _chargePremium(uint256 premium) private returns (uint256 premiumBps) {
        uint256[] memory prices = _feedPrices();
        (, uint256 total) = _values(prices);
        total += _putsValue(prices);
        if (total == 0) revert EmptyVault();
        premiumBps = (premium * BPS + total - 1) / total;
        if (premiumBps > maxPremiumBps) revert PremiumAboveLimit(premiumBps, maxPremiumBps);
        _spendPremium(premiumBps);
    }

    /// @dev Pays exactly the premium from sleeve 0 and records the put (effects done: the venue is called last).
    function _buyAt(address venue, PutSeller.Quote calldata q, bytes calldata quoteSignature)
        private
        returns (uint256 id)
    {
        _pruneSettledPuts();
        if (heldPuts.length >= MAX_OPEN_PUTS) revert TooManyOpenPuts(heldPuts.length);
        IERC20 stable = IERC20(sleeves[0].token);
        uint256 before = stable.balanceOf(address(this));
        if (!stable.approve(venue, q.premium)) revert TransferFailed(address(stable));
        id = PutSeller(venue).buy(q, quoteSignature);
        uint256 paid = before - stable.balanceOf(address(this));
        if (paid != q.premium) revert PremiumMismatch(paid, q.premium);
        heldPuts.push(HeldPut(venue, protectionSleeve, id));
    }

    /// @notice Open puts at their intrinsic value at the feeds' latest answers: what they would pay now. A production
    ///         venue would mark them at a model value from the vol surface (time value included); intrinsic is the
    ///         floor, so the vault's value never counts premium it could not get back at expiry.
    function protectionValue() external view notEntered returns (uint256) {
        return _putsValue(_latestPrices());
    }

    /// @notice The vault's value in stablecoin units at the feeds' latest answers: sleeves plus puts (intrinsic).
    function totalValue() external view notEntered returns (uint256 total) {
        uint256[] memory prices = _latestPrices();
        (, total) = _values(prices);
        total += _putsValue(prices);
    }

    function heldPutCount() external view returns (uint256) {
        return heldPuts.length;
    }

    function heldPut(uint256 i) external view returns (address venue, uint256 sleeveIndex, uint256 id) {
        return (heldPuts[i].venue, heldPuts[i].sleeve, heldPuts[i].id);
    }

    /// @notice Premiums of the purchases inside the rolling premium window, as of now.
    function windowPremiumBps() external view returns (uint256 sum) {
        (sum,) = _windowPremium();
    }

    /// @dev Each open put's (K - S)+ x amount at the sleeve's price (stablecoin units per token unit, times 1e18),
    ///      capped by its collateral; puts settled at the venue have already paid into sleeve 0 and count zero.
    function _putsValue(uint256[] memory prices) private view returns (uint256 value) {
        uint256 n = heldPuts.length;
        for (uint256 i; i < n; ++i) {
            HeldPut storage h = heldPuts[i];
            (,, uint256 amount,, uint256 collateral, bool settled) = PutSeller(h.venue).position(h.id);
            if (settled) continue;
            uint256 spotValue = (amount * prices[h.sleeve]) / ONE;
            if (collateral > spotValue) value += collateral - spotValue;
        }
    }

    function _pruneSettledPuts() private {
        uint256 i;
        while (i < heldPuts.length) {
            (,,,,, bool settled) = PutSeller(heldPuts[i].venue).position(heldPuts[i].id);
            if (settled) {
                heldPuts[i] = heldPuts[heldPuts.length - 1];
                heldPuts.pop();
            } else {
                ++i;
            }
        }
    }

    /// @dev Premiums over an exact rolling window: the last MAX_OPEN_PUTS purchases are kept, so a purchase whose
    ///      slot still holds one inside the window is refused rather than forgetting it.
    function _spendPremium(uint256 premiumBps) private {
        (uint256 sum, uint256 inWindow) = _windowPremium();
        if (inWindow >= MAX_OPEN_PUTS) revert TooManyPurchases(inWindow);
        if (sum + premiumBps > premiumBudgetBps) revert PremiumBudgetExceeded(sum + premiumBps, premiumBudgetBps);
        premiumEntries[premiumSeq % MAX_OPEN_PUTS] = (block.timestamp << 128) | premiumBps;
        ++premiumSeq;
    }

    function _windowPremium() private view returns (uint256 sum, uint256 inWindow) {
        for (uint256 i; i < MAX_OPEN_PUTS; ++i) {
            uint256 e = premiumEntries[i];
            if (e != 0 && (e >> 128) + premiumWindow > block.timestamp) {
                sum += e & type(uint128).max;
                ++inWindow;
            }
        }
    }
}
