// SPDX-License-Identifier: MIT
pragma solidity 0.8.24;

import {IERC20} from "./IERC20.sol";
import {AggregatorV3Interface} from "./AggregatorV3Interface.sol";

/// @title Minimal options venue: one market maker sells cash-settled European puts on one asset, priced by signed quotes.
/// @notice The seller deposits stablecoin collateral; its quoter key signs firm quotes off chain (EIP-712); a buyer
///         submits a quote with `buy`, pays the premium, and the seller's collateral for the whole strike notional is
///         locked, so a put can always pay its maximum (no margining, no credit risk). After expiry anyone may
///         `settle`: the buyer gets (K - S)+ x amount in the stablecoin at the feed's price, the seller the rest.
///         Enough to show the protective-put path of the risk loop; docs/security.md says what a production venue
///         needs (margining, mark-to-model, settlement oracle, counterparty limits).
contract PutSeller {
    /// @notice A firm offer to sell `amount` puts. Units: strike in stablecoin units per whole asset token, amount in
    ///         asset token units, premium in stablecoin units; times are unix seconds.
    struct Quote {
        address buyer; // the only account that may take the quote; the zero address: anyone
        address asset;
        uint256 strike;
        uint256 expiry;
        uint256 amount;
        uint256 premium;
        uint256 quoteExpiry;
        uint256 nonce;
    }

    struct Position {
        address buyer;
        uint256 strike;
        uint256 amount;
        uint256 expiry;
        uint256 collateral; // strike x amount in stablecoin units: the most the put can pay
        bool settled;
    }

    bytes32 public constant QUOTE_TYPEHASH = keccak256(
        "Quote(address buyer,address asset,uint256 strike,uint256 expiry,uint256 amount,uint256 premium,"
        "uint256 quoteExpiry,uint256 nonce)"
    );
    bytes32 private constant DOMAIN_TYPEHASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
    bytes32 private constant NAME_HASH = keccak256("Vaultrisk PutSeller");
    bytes32 private constant VERSION_HASH = keccak256("1");
    uint256 private constant HALF_CURVE_ORDER = 0x7FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF5D576E7357A4501DDFE92F46681B20A0;

    address public immutable seller;
    IERC20 public immutable stablecoin;
    address public immutable asset;
    AggregatorV3Interface public immutable feed;
    uint256 public immutable heartbeat;
    // strike x amount / assetUnit: stablecoin units; feed answer x spotNum / spotDen: stablecoin units per whole token
    uint256 private immutable assetUnit;
    uint256 private immutable spotNum;
    uint256 private immutable spotDen;

    address public quoter;
    uint256 public freeCollateral;
    uint256 public lockedCollateral;
    uint256 public positionCount;
    mapping(uint256 => bool) public nonceUsed;
    mapping(uint256 => Position) private positions;
    uint256 private locked = 1;

    event QuoterChanged(address indexed previous, address indexed current);
    event CollateralDeposited(uint256 amount);
    event CollateralWithdrawn(uint256 amount);
    event NonceCancelled(uint256 indexed nonce);
    event PutBought(
        uint256 indexed id, address indexed buyer, uint256 strike, uint256 amount, uint256 expiry, uint256 premium
    );
    event PutSettled(uint256 indexed id, uint256 spot, uint256 payout);

    error NotSeller(address caller);
    error NotSellerOrQuoter(address caller);
    error ZeroAddress();
    error ZeroAmount();
    error Reentrancy();
    error TransferFailed(address token);
    error InvalidSignatureLength(uint256 length);
    error InvalidSignatureV(uint8 v);
    error MalleableSignature(bytes32 s);
    error BadQuoteSignature(address recovered, address quoter);
    error WrongAsset(address asset);
    error WrongBuyer(address buyer, address caller);
    error QuoteExpired(uint256 quoteExpiry, uint256 blockTimestamp);
    error InvalidQuote(string field);
    error NonceAlreadyUsed(uint256 nonce);
    error InsufficientCollateral(uint256 needed, uint256 free);
    error UnknownPosition(uint256 id);
    error AlreadySettled(uint256 id);
    error NotYetExpired(uint256 expiry, uint256 blockTimestamp);
    error StaleFeed(uint256 updatedAt, uint256 heartbeat);
    error PriceBeforeExpiry(uint256 updatedAt, uint256 expiry);
    error BadFeedAnswer(int256 answer);

    modifier nonReentrant() {
        if (locked != 1) revert Reentrancy();
        locked = 2;
        _;
        locked = 1;
    }

    modifier onlySeller() {
        if (msg.sender != seller) revert NotSeller(msg.sender);
        _;
    }

    /// @param stablecoin_ the settlement and collateral token
    /// @param asset_ the put's underlying
    /// @param feed_ AggregatorV3 feed of asset_ in USD (the stablecoin counts as one USD)
    /// @param heartbeat_ a feed answer older than this many seconds does not settle
    /// @param quoter_ the key whose EIP-712 signature makes a quote firm
    constructor(address stablecoin_, address asset_, address feed_, uint256 heartbeat_, address quoter_) {
        if (stablecoin_ == address(0) || asset_ == address(0) || feed_ == address(0) || quoter_ == address(0)) {
            revert ZeroAddress();
        }
        if (heartbeat_ == 0) revert ZeroAmount();
        seller = msg.sender;
        stablecoin = IERC20(stablecoin_);
        asset = asset_;
        feed = AggregatorV3Interface(feed_);
        heartbeat = heartbeat_;
        quoter = quoter_;
        assetUnit = 10 ** IERC20(asset_).decimals();
        spotNum = 10 ** IERC20(stablecoin_).decimals();
        spotDen = 10 ** AggregatorV3Interface(feed_).decimals();
        emit QuoterChanged(address(0), quoter_);
    }

    // ---------------------------------------------------------------- seller

    function setQuoter(address quoter_) external onlySeller {
        if (quoter_ == address(0)) revert ZeroAddress();
        emit QuoterChanged(quoter, quoter_);
        quoter = quoter_;
    }

    function depositCollateral(uint256 amount) external onlySeller nonReentrant {
        if (amount == 0) revert ZeroAmount();
        freeCollateral += amount;
        if (!stablecoin.transferFrom(msg.sender, address(this), amount)) revert TransferFailed(address(stablecoin));
        emit CollateralDeposited(amount);
    }

    /// @notice Only collateral no open put needs can leave: locked collateral waits for settlement.
    function withdrawCollateral(uint256 amount) external onlySeller nonReentrant {
        if (amount == 0) revert ZeroAmount();
        if (amount > freeCollateral) revert InsufficientCollateral(amount, freeCollateral);
        freeCollateral -= amount;
        if (!stablecoin.transfer(msg.sender, amount)) revert TransferFailed(address(stablecoin));
        emit CollateralWithdrawn(amount);
    }

    /// @notice Withdraws a signed quote before anyone takes it (a quoter that sees the market move).
    function cancelNonce(uint256 nonce) external {
        if (msg.sender != seller && msg.sender != quoter) revert NotSellerOrQuoter(msg.sender);
        nonceUsed[nonce] = true;
        emit NonceCancelled(nonce);
    }

    // ---------------------------------------------------------------- buyer

    /// @notice Takes a signed quote: pulls the premium from the caller and locks strike x amount of the seller's
    ///         collateral for the new position, whose id is returned.
    function buy(Quote calldata q, bytes calldata signature) external nonReentrant returns (uint256 id) {
        address recovered = _recover(quoteDigest(q), signature);
        if (recovered != quoter) revert BadQuoteSignature(recovered, quoter);
        if (q.asset != asset) revert WrongAsset(q.asset);
        if (q.buyer != address(0) && q.buyer != msg.sender) revert WrongBuyer(q.buyer, msg.sender);
        if (block.timestamp > q.quoteExpiry) revert QuoteExpired(q.quoteExpiry, block.timestamp);
        if (q.expiry <= block.timestamp) revert InvalidQuote("expiry");
        if (q.strike == 0) revert InvalidQuote("strike");
        if (q.amount == 0) revert InvalidQuote("amount");
        if (nonceUsed[q.nonce]) revert NonceAlreadyUsed(q.nonce);
        uint256 collateral = (q.strike * q.amount) / assetUnit;
        if (collateral == 0) revert InvalidQuote("amount");
        if (collateral > freeCollateral) revert InsufficientCollateral(collateral, freeCollateral);

        nonceUsed[q.nonce] = true;
        freeCollateral = freeCollateral - collateral + q.premium;
        lockedCollateral += collateral;
        id = ++positionCount;
        positions[id] = Position(msg.sender, q.strike, q.amount, q.expiry, collateral, false);

        if (q.premium > 0 && !stablecoin.transferFrom(msg.sender, address(this), q.premium)) {
            revert TransferFailed(address(stablecoin));
        }
        emit PutBought(id, msg.sender, q.strike, q.amount, q.expiry, q.premium);
    }

    /// @notice Settles an expired put at the feed: the buyer gets (K - S)+ x amount, the seller's free collateral the
    ///         rest. The price must have been published at or after expiry and be fresh; anyone may call.
    function settle(uint256 id) external nonReentrant returns (uint256 payout) {
        Position storage p = positions[id];
        if (p.buyer == address(0)) revert UnknownPosition(id);
        if (p.settled) revert AlreadySettled(id);
        if (block.timestamp < p.expiry) revert NotYetExpired(p.expiry, block.timestamp);
        (, int256 answer,, uint256 updatedAt,) = feed.latestRoundData();
        if (answer <= 0) revert BadFeedAnswer(answer);
        if (updatedAt < p.expiry) revert PriceBeforeExpiry(updatedAt, p.expiry);
        if (updatedAt + heartbeat < block.timestamp) revert StaleFeed(updatedAt, heartbeat);
        uint256 spot = (uint256(answer) * spotNum) / spotDen;
        payout = _payout(p, spot);

        p.settled = true;
        lockedCollateral -= p.collateral;
        freeCollateral += p.collateral - payout;
        if (payout > 0 && !stablecoin.transfer(p.buyer, payout)) revert TransferFailed(address(stablecoin));
        emit PutSettled(id, spot, payout);
    }

    // ---------------------------------------------------------------- views

    function position(uint256 id)
        external
        view
        returns (address buyer, uint256 strike, uint256 amount, uint256 expiry, uint256 collateral, bool settled)
    {
        Position storage p = positions[id];
        return (p.buyer, p.strike, p.amount, p.expiry, p.collateral, p.settled);
    }

    /// @notice What the put would pay at the feed's latest answer (fresh or not); zero once settled.
    function intrinsicValue(uint256 id) external view returns (uint256) {
        Position storage p = positions[id];
        if (p.settled || p.buyer == address(0)) return 0;
        (, int256 answer,,,) = feed.latestRoundData();
        if (answer <= 0) return p.collateral;
        return _payout(p, (uint256(answer) * spotNum) / spotDen);
    }

    function domainSeparator() public view returns (bytes32) {
        return keccak256(abi.encode(DOMAIN_TYPEHASH, NAME_HASH, VERSION_HASH, block.chainid, address(this)));
    }

    /// @notice The EIP-712 digest the quoter signs; the vault's risk signer signs it too, inside its Protection order.
    function quoteDigest(Quote calldata q) public view returns (bytes32) {
        bytes32 structHash = keccak256(
            abi.encode(
                QUOTE_TYPEHASH, q.buyer, q.asset, q.strike, q.expiry, q.amount, q.premium, q.quoteExpiry, q.nonce
            )
        );
        return keccak256(abi.encodePacked("\x19\x01", domainSeparator(), structHash));
    }

    // ---------------------------------------------------------------- internals

    /// @dev (K - S)+ x amount in stablecoin units, rounded down, never above the locked collateral.
    function _payout(Position storage p, uint256 spot) private view returns (uint256) {
        if (spot >= p.strike) return 0;
        uint256 payout = ((p.strike - spot) * p.amount) / assetUnit;
        return payout > p.collateral ? p.collateral : payout;
    }

    function _recover(bytes32 digest, bytes calldata signature) private pure returns (address) {
        if (signature.length != 65) revert InvalidSignatureLength(signature.length);
        bytes32 r = bytes32(signature[0:32]);
        bytes32 s = bytes32(signature[32:64]);
        uint8 v = uint8(signature[64]);
        if (uint256(s) > HALF_CURVE_ORDER) revert MalleableSignature(s);
        if (v != 27 && v != 28) revert InvalidSignatureV(v);
        return ecrecover(digest, v, r, s);
    }
}
